package dev.rightsplatform.notification.mail;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How our e-mail presents itself and how long SMTP connections are kept. The SMTP server itself is Spring Boot's
 * {@code spring.mail.*}.
 *
 * @param from the sender address people see and may write to, e.g. {@code privacy@rights.example}
 * @param connections how the connections to the SMTP server are kept between mails ({@link SmtpConnections})
 */
@Validated
@ConfigurationProperties("notification.mail")
public record MailSettings(
        @NotBlank @Email String from,
        @Valid @NotNull @DefaultValue Connections connections) {

    /**
     * @param maxIdle a connection unused this long is closed; below the SMTP server's own idle timeout (Postfix
     *     closes after 300 s, RFC 5321 asks servers to wait at least 5 minutes)
     * @param maxMails a connection that has carried this many mails is closed and a new one opened, for servers that
     *     limit the mails per connection
     */
    public record Connections(
            @NotNull @DefaultValue("30s") Duration maxIdle,
            @Positive @DefaultValue("100") int maxMails) {

        public Connections {
            if (maxIdle != null && (maxIdle.isNegative() || maxIdle.isZero())) {
                throw new IllegalArgumentException("notification.mail.connections.max-idle must be positive");
            }
        }
    }
}
