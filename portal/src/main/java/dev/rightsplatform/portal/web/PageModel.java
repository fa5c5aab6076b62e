package dev.rightsplatform.portal.web;

import dev.rightsplatform.portal.PortalProperties;
import dev.rightsplatform.portal.api.CallContext;
import dev.rightsplatform.portal.branding.Branding;
import java.security.Principal;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.security.web.server.csrf.CsrfToken;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.UriComponentsBuilder;
import reactor.core.publisher.Mono;

/**
 * What every page's layout needs: the language and the address of the same page in the other language, dates in the
 * person's zone, the company's branding, whether the browser sends Global Privacy Control, the flags a redirect left
 * (?cancelled …); and, for pages rendered by a controller, the CSRF token and whether someone is signed in. Error
 * pages get the first part too ({@link ErrorPages}, {@link PortalErrorAttributes}), so they keep the header.
 */
@ControllerAdvice
public class PageModel {

    private final PortalProperties properties;
    private final Branding branding;

    PageModel(PortalProperties properties, Branding branding) {
        this.properties = properties;
        this.branding = branding;
    }

    @ModelAttribute
    Mono<Void> common(ServerWebExchange exchange, Model model) {
        model.addAllAttributes(layout(exchange));
        Mono<CsrfToken> csrf = exchange.getAttribute(CsrfToken.class.getName());
        var token = csrf == null
                ? Mono.<Void>empty()
                : csrf.doOnNext(value -> model.addAttribute("_csrf", value)).then();
        var principal = exchange.getPrincipal()
                .map(Principal::getName)
                .doOnNext(name -> model.addAttribute("signedIn", true))
                .then();
        return Mono.when(token, principal);
    }

    /** The layout's attributes that need no subscription: usable where no controller ran. */
    Map<String, Object> layout(ServerWebExchange exchange) {
        var locale = Languages.of(exchange);
        var language = locale.toLanguageTag();
        var attributes = new LinkedHashMap<String, Object>();
        attributes.put("lang", language);
        attributes.put("zh", language.startsWith("zh"));
        attributes.put("dates", new Dates(locale, TimeZones.of(exchange, properties.defaultZone())));
        attributes.put("branding", branding);
        attributes.put("companyName", branding.name(language));
        attributes.put("gpc", CallContext.of(exchange, locale).globalPrivacyControl());
        attributes.put("englishUrl", sameWith(exchange, "en"));
        attributes.put("chineseUrl", sameWith(exchange, "zh-CN"));
        attributes.put("flags", exchange.getRequest().getQueryParams().keySet());
        return attributes;
    }

    /** This page's address in the other language (only the path and query of this request: never another site). */
    private static String sameWith(ServerWebExchange exchange, String language) {
        return UriComponentsBuilder.fromPath(exchange.getRequest().getPath().value())
                .query(exchange.getRequest().getURI().getRawQuery())
                .replaceQueryParam(Languages.PARAMETER, language)
                .build()
                .toUriString();
    }
}
