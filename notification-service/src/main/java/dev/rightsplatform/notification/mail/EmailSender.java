package dev.rightsplatform.notification.mail;

import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

/**
 * Hands one rendered e-mail to the SMTP server. Blocking, as JavaMail is: call it off event-loop threads. One connection
 * per mail, but neither a thread nor a class-path scan per mail ({@link SmtpWriteTimeouts}, {@link
 * StreamProviderLookup}).
 */
@Component
public class EmailSender {

    private final JavaMailSender mailSender;

    private final MailSettings settings;

    EmailSender(JavaMailSender mailSender, MailSettings settings, SmtpWriteTimeouts writeTimeouts) {
        if (mailSender instanceof JavaMailSenderImpl impl) {
            // Boot creates a sender even for an empty spring.mail.host, which would quietly mean "localhost".
            if (impl.getHost() == null || impl.getHost().isBlank()) {
                throw new IllegalStateException("spring.mail.host must name the SMTP server");
            }
            var properties = new Properties();
            properties.putAll(impl.getJavaMailProperties());
            properties.put(SmtpWriteTimeouts.SESSION_PROPERTY, writeTimeouts.scheduler());
            impl.setJavaMailProperties(properties); // also drops a session made before, so every send uses these
        }
        StreamProviderLookup.nameAngusUnlessSet();
        this.mailSender = mailSender;
        this.settings = settings;
    }

    public void send(String to, RenderedMail mail) throws MailException {
        mailSender.send((MimeMessage message) -> {
            MimeMessageHelper helper = new MimeMessageHelper(message, false, StandardCharsets.UTF_8.name());
            helper.setFrom(settings.from());
            helper.setTo(to);
            helper.setSubject(mail.subject());
            helper.setText(mail.body(), false);
            // RFC 3834: tells mail servers and out-of-office robots not to answer an automatic message.
            message.setHeader("Auto-Submitted", "auto-generated");
        });
    }
}
