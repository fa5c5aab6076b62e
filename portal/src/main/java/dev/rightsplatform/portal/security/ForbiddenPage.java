package dev.rightsplatform.portal.security;

import dev.rightsplatform.portal.web.Languages;
import java.nio.charset.StandardCharsets;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.HtmlUtils;
import reactor.core.publisher.Mono;

/**
 * The 403 page for a refusal by the security filters themselves (chiefly a form posted without its CSRF token): a
 * short page in the person's language. Written here because it happens before any controller or template runs.
 */
@Component
class ForbiddenPage implements ServerAccessDeniedHandler {

    private final MessageSource messages;

    ForbiddenPage(MessageSource messages) {
        this.messages = messages;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, AccessDeniedException denied) {
        var locale = Languages.of(exchange);
        var title = HtmlUtils.htmlEscape(messages.getMessage("error.403.title", null, locale));
        var text = HtmlUtils.htmlEscape(messages.getMessage("error.403.csrf", null, locale));
        var home = HtmlUtils.htmlEscape(messages.getMessage("error.home", null, locale));
        var html = "<!DOCTYPE html><html lang=\"" + locale.toLanguageTag() + "\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>" + title + "</title>"
                + "<link rel=\"stylesheet\" href=\"/assets/portal.css\"></head><body><main id=\"main\" class=\"container\">"
                + "<div id=\"error\" data-status=\"403\"><h1>" + title + "</h1><p>" + text + "</p><p><a href=\"/\">"
                + home
                + "</a></p></div></main></body></html>";
        var response = exchange.getResponse();
        response.setStatusCode(HttpStatus.FORBIDDEN);
        response.getHeaders().setContentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8));
        return response.writeWith(Mono.just(response.bufferFactory().wrap(html.getBytes(StandardCharsets.UTF_8))));
    }
}
