package dev.rightsplatform.portal.web;

import java.util.Map;
import org.springframework.boot.web.error.ErrorAttributeOptions;
import org.springframework.boot.webflux.error.DefaultErrorAttributes;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.ServerRequest;

/**
 * The error page Spring renders itself (an address no controller serves, a failure before one ran) gets the layout's
 * attributes too, so it keeps the header, the language switch and the footer. No exception text ever reaches it.
 */
@Component
class PortalErrorAttributes extends DefaultErrorAttributes {

    private final PageModel page;

    PortalErrorAttributes(PageModel page) {
        this.page = page;
    }

    @Override
    public Map<String, Object> getErrorAttributes(ServerRequest request, ErrorAttributeOptions options) {
        var attributes = super.getErrorAttributes(request, options);
        attributes.putAll(page.layout(request.exchange()));
        return attributes;
    }
}
