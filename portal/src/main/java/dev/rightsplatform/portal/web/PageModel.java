package dev.rightsplatform.portal.web;

import dev.rightsplatform.portal.PortalProperties;
import dev.rightsplatform.portal.api.CallContext;
import dev.rightsplatform.portal.branding.Branding;
import java.security.Principal;
import org.springframework.security.web.server.csrf.CsrfToken;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.UriComponentsBuilder;
import reactor.core.publisher.Mono;

/**
 * What every page's layout needs: the CSRF token for its forms, the language and the address of the same page in
 * the other language, dates in the person's zone, the company's branding, whether someone is signed in, and whether
 * the browser sends Global Privacy Control.
 */
@ControllerAdvice
class PageModel {

    private final PortalProperties properties;
    private final Branding branding;

    PageModel(PortalProperties properties, Branding branding) {
        this.properties = properties;
        this.branding = branding;
    }

    @ModelAttribute
    Mono<Void> common(ServerWebExchange exchange, Model model) {
        var locale = Languages.of(exchange);
        var language = locale.toLanguageTag();
        model.addAttribute("lang", language);
        model.addAttribute("zh", language.startsWith("zh"));
        model.addAttribute("dates", new Dates(locale, TimeZones.of(exchange, properties.defaultZone())));
        model.addAttribute("branding", branding);
        model.addAttribute("companyName", branding.name(language));
        model.addAttribute("gpc", CallContext.of(exchange, locale).globalPrivacyControl());
        model.addAttribute("englishUrl", sameWith(exchange, "en"));
        model.addAttribute("chineseUrl", sameWith(exchange, "zh-CN"));
        // the flags a redirect leaves in the address (?cancelled, ?link-expired …): which notice to show
        model.addAttribute("flags", exchange.getRequest().getQueryParams().keySet());
        Mono<CsrfToken> csrf = exchange.getAttribute(CsrfToken.class.getName());
        var token = csrf == null ? Mono.<Void>empty() : csrf.doOnNext(value -> model.addAttribute("_csrf", value)).then();
        var principal = exchange.getPrincipal().map(Principal::getName)
                .doOnNext(name -> model.addAttribute("signedIn", true)).then();
        return Mono.when(token, principal);
    }

    /** This page's address in the other language (only the path and query of this request: never another site). */
    private static String sameWith(ServerWebExchange exchange, String language) {
        return UriComponentsBuilder.fromPath(exchange.getRequest().getPath().value())
                .query(exchange.getRequest().getURI().getRawQuery())
                .replaceQueryParam(Languages.PARAMETER, language)
                .build().toUriString();
    }
}
