package dev.rightsplatform.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** A service with a missing or inconsistent setting refuses to start and says which setting. */
class StartupChecksIntegrationTests {

    @Test
    void refusesToStartWithoutTheDatabasePassword() {
        assertThatException()
                .isThrownBy(() -> start("--spring.r2dbc.password="))
                .withStackTraceContaining("NOTIFICATION_DB_PASSWORD");
    }

    @Test
    void refusesToStartWithoutASenderAddress() {
        assertThatException()
                .isThrownBy(() -> start("--notification.mail.from="))
                .withStackTraceContaining("notification.mail.from");
    }

    @Test
    void refusesToStartWithAPortalUrlThatIsNoWebAddress() {
        assertThatException()
                .isThrownBy(() -> start("--notification.portal-base-url="))
                .withStackTraceContaining("notification.portal-base-url");
        assertThatException()
                .isThrownBy(() -> start("--notification.portal-base-url=portal.example.org"))
                .withStackTraceContaining("notification.portal-base-url");
    }

    @Test
    void refusesToStartWithARetryDelayThatWouldHotLoop() {
        assertThatException()
                .isThrownBy(() -> start("--notification.delivery.retry-delays=1s,0s"))
                .withStackTraceContaining("notification.delivery.retry-delays");
    }

    @Test
    void refusesToStartWithSmtpConnectionsKeptForNoTimeOrNoMail() {
        assertThatException()
                .isThrownBy(() -> start("--notification.mail.connections.max-idle=0s"))
                .withStackTraceContaining("notification.mail.connections.max-idle");
        assertThatException() // named as Bean Validation names it
                .isThrownBy(() -> start("--notification.mail.connections.max-mails=0"))
                .withStackTraceContaining("notification.mail.connections.maxMails");
    }

    @Test
    void refusesToStartWithoutAnSmtpServer() {
        assertThatException()
                .isThrownBy(() -> start("--spring.mail.host="))
                .withStackTraceContaining("spring.mail.host");
    }

    @Test
    void refusesToStartWithACommittedDevelopmentSecretOutsideTheDevProfile() {
        String committed = DevSecrets.committed().get("NOTIFICATION_DB_PASSWORD");
        assertThatException()
                .isThrownBy(() -> start(new String[] {"test"}, "--spring.r2dbc.password=" + committed))
                .withStackTraceContaining("spring.r2dbc.password")
                .withStackTraceContaining("'dev' profile")
                .satisfies(refusal -> assertThat(refusal.getMessage()).doesNotContain(committed));
    }

    private static void start(String... args) {
        // dev: the tests' database password is the committed development one, refused under any other profile
        start(new String[] {"test", "dev"}, args);
    }

    private static void start(String[] profiles, String... args) {
        // Fails while binding settings, before it connects to anything; closed at once should it start after all.
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(NotificationServiceApplication.class)
                .web(WebApplicationType.NONE)
                .profiles(profiles)
                .properties(
                        "spring.r2dbc.password=" + DevSecrets.get("NOTIFICATION_DB_PASSWORD"),
                        "spring.rabbitmq.listener.simple.auto-startup=false")
                .run(args)) {
            context.getId();
        }
    }
}
