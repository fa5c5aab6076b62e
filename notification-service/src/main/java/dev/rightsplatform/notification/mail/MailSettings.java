package dev.rightsplatform.notification.mail;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How our e-mail presents itself. The SMTP server itself is Spring Boot's {@code spring.mail.*}.
 *
 * @param from the sender address people see and may write to, e.g. {@code privacy@rights.example}
 */
@Validated
@ConfigurationProperties("notification.mail")
public record MailSettings(@NotBlank @Email String from) {}
