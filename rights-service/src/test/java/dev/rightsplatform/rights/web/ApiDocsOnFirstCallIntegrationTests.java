package dev.rightsplatform.rights.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rightsplatform.rights.support.AbstractRightsIntegrationTests;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;

/** springdoc's beans wait for the first call of the document, which still describes the whole API. */
class ApiDocsOnFirstCallIntegrationTests extends AbstractRightsIntegrationTests {

    @Autowired
    ConfigurableListableBeanFactory beanFactory;

    @Test
    void everyBeanSpringdocDeclaresIsMadeOnFirstUse() {
        var springdocBeans = Arrays.stream(beanFactory.getBeanDefinitionNames())
                .filter(name -> ApiDocsOnFirstCall.isSpringdoc(name, beanFactory.getBeanDefinition(name), beanFactory))
                .toList();

        assertThat(springdocBeans)
                .as("springdoc's configurations and what they declare")
                .hasSizeGreaterThan(20)
                .contains("openApiResource")
                .allSatisfy(
                        name -> assertThat(beanFactory.getBeanDefinition(name).isLazyInit())
                                .as(name)
                                .isTrue());
        assertThat(beanFactory.getBeanDefinition("publicRequestController").isLazyInit())
                .as("the service's own beans are made at start-up")
                .isFalse();
    }

    @Test
    void theDocumentDescribesTheApiOnEveryCall() {
        for (int call = 0; call < 2; call++) {
            var document = http.get()
                    .uri("/api/v1/openapi")
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectHeader()
                    .contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
                    .expectBody(JsonNode.class)
                    .returnResult()
                    .getResponseBody();

            assertThat(document).isNotNull();
            assertThat(document.path("openapi").asString()).startsWith("3.");
            assertThat(document.path("paths").propertyNames())
                    .contains("/api/v1/requests", "/api/v1/requests/{id}", "/api/v1/agent/requests");
        }
    }
}
