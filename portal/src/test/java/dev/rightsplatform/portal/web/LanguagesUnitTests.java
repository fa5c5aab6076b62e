package dev.rightsplatform.portal.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpCookie;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;

/** The switch beats the cookie, the cookie beats the browser, and anything unknown reads as English. */
class LanguagesUnitTests {

    @Test
    void theSwitchThenTheCookieThenTheBrowserDecide() {
        assertThat(language(MockServerHttpRequest.get("/?lang=zh-CN").header("Accept-Language", "en")))
                .isEqualTo("zh-CN");
        assertThat(language(MockServerHttpRequest.get("/")
                        .cookie(new HttpCookie("lang", "zh-CN"))
                        .header("Accept-Language", "en-US")))
                .isEqualTo("zh-CN");
        assertThat(language(MockServerHttpRequest.get("/").header("Accept-Language", "fr-FR, zh-TW;q=0.8")))
                .isEqualTo("zh-CN");
        assertThat(language(MockServerHttpRequest.get("/").header("Accept-Language", "de-DE")))
                .isEqualTo("en");
        assertThat(language(MockServerHttpRequest.get("/?lang=<script>"))).isEqualTo("en");
    }

    private static String language(MockServerHttpRequest.BaseBuilder<?> request) {
        return Languages.of(MockServerWebExchange.from(request)).toLanguageTag();
    }
}
