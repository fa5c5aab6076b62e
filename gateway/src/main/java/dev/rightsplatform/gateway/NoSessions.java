package dev.rightsplatform.gateway;

import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.adapter.WebHttpHandlerBuilder;
import org.springframework.web.server.session.DefaultWebSessionManager;
import org.springframework.web.server.session.WebSessionIdResolver;
import org.springframework.web.server.session.WebSessionManager;

/**
 * The gateway keeps no web session, so it never reads or writes a cookie. WebFlux' default session manager reads the
 * {@code SESSION} cookie and, when it finds no session of its own under that id, answers {@code Set-Cookie: SESSION=;
 * Max-Age=0}: that would sign people out of the portal, whose session cookie may bear the same name. Cookies belong
 * to the portal and pass through untouched both ways.
 */
@Configuration(proxyBeanMethods = false)
class NoSessions {

    @Bean(name = WebHttpHandlerBuilder.WEB_SESSION_MANAGER_BEAN_NAME)
    WebSessionManager webSessionManager() {
        var manager = new DefaultWebSessionManager();
        manager.setSessionIdResolver(new WebSessionIdResolver() {
            @Override
            public List<String> resolveSessionIds(ServerWebExchange exchange) {
                return List.of();
            }

            @Override
            public void setSessionId(ServerWebExchange exchange, String sessionId) {
                // no cookie of the gateway's own
            }

            @Override
            public void expireSession(ServerWebExchange exchange) {
                // never expires a cookie it did not set
            }
        });
        return manager;
    }
}
