package dev.rightsplatform.rights.web;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * springdoc's beans are made when {@code GET /api/v1/openapi} is first asked for, not while the service starts.
 *
 * <p>Why: springdoc builds its model converters and object mapper at start-up (about 0.4 s of an 8.5 s context start
 * without the class data archive, and some 300 classes loaded) for a document few callers read. Its controller is still
 * mapped at start (the handler mapping reads the bean's type, not the bean), so the first call builds springdoc and
 * the document, and every later call gets the cached one. The OpenAPI document is the same either way
 * ({@code AuthorizationMatrixIntegrationTests}, {@code ApiDocsOnFirstCallIntegrationTests}).
 */
@Configuration(proxyBeanMethods = false)
class ApiDocsOnFirstCall {

    static final String SPRINGDOC = "org.springdoc.";

    /** Static: a BeanFactoryPostProcessor must exist before this configuration's own instance does. */
    @Bean
    static BeanFactoryPostProcessor springdocOnFirstCall() {
        return beanFactory -> {
            for (String name : beanFactory.getBeanDefinitionNames()) {
                var definition = beanFactory.getBeanDefinition(name);
                if (isSpringdoc(name, definition, beanFactory)) {
                    definition.setLazyInit(true);
                }
            }
        };
    }

    /** A bean springdoc declares: its class, or the configuration whose factory method makes it, is springdoc's. */
    static boolean isSpringdoc(String name, BeanDefinition definition, ConfigurableListableBeanFactory beanFactory) {
        if (name.startsWith(SPRINGDOC) || startsWithSpringdoc(definition.getBeanClassName())) {
            return true;
        }
        var factoryBean = definition.getFactoryBeanName();
        return factoryBean != null
                && beanFactory.containsBeanDefinition(factoryBean)
                && startsWithSpringdoc(
                        beanFactory.getBeanDefinition(factoryBean).getBeanClassName());
    }

    private static boolean startsWithSpringdoc(@Nullable String className) {
        return className != null && className.startsWith(SPRINGDOC);
    }
}
