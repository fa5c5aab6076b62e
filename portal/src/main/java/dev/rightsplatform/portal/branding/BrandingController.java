package dev.rightsplatform.portal.branding;

import java.time.Duration;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.MediaTypeFactory;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * Serves the company's colours as a style sheet and its logo. A style sheet rather than inline styles: the
 * Content-Security-Policy allows styles from this origin only.
 */
@RestController
class BrandingController {

    private static final MediaType CSS = MediaType.valueOf("text/css;charset=UTF-8");

    private final Branding branding;
    private final ResourceLoader resources;

    BrandingController(Branding branding, ResourceLoader resources) {
        this.branding = branding;
        this.resources = resources;
    }

    @GetMapping("/brand.css")
    ResponseEntity<String> css() {
        var css = ":root{--brand:" + branding.primaryColor() + ";--brand-band:" + branding.accentColor() + ";}\n";
        return ResponseEntity.ok()
                .contentType(CSS)
                .cacheControl(CacheControl.maxAge(Duration.ofMinutes(10)))
                .body(css);
    }

    @GetMapping("/brand/logo")
    Mono<ResponseEntity<Resource>> logo() {
        Resource logo = resources.getResource(branding.logo());
        if (!logo.exists()) {
            return Mono.just(ResponseEntity.notFound().build());
        }
        var type = MediaTypeFactory.getMediaType(logo).orElse(MediaType.APPLICATION_OCTET_STREAM);
        return Mono.just(ResponseEntity.ok()
                .contentType(type)
                .cacheControl(CacheControl.maxAge(Duration.ofHours(1)))
                .body(logo));
    }
}
