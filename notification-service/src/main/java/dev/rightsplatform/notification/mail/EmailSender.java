package dev.rightsplatform.notification.mail;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.Properties;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.mail.MailException;
import org.springframework.mail.MailParseException;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

/**
 * Hands one rendered e-mail to the SMTP server. Blocking, as JavaMail is: call it off event-loop threads. Connections
 * are kept open between mails ({@link SmtpConnections}), and a mail starts neither a thread nor a class-path scan
 * ({@link SmtpWriteTimeouts}, {@link StreamProviderLookup}).
 */
@Component
public class EmailSender implements DisposableBean {

    private final JavaMailSenderImpl mailSender;

    private final MailSettings settings;

    private final SmtpConnections connections;

    /** Spring Boot's sender (its {@code spring.mail.*} settings and session), whose connections this one keeps. */
    EmailSender(JavaMailSenderImpl mailSender, MailSettings settings, SmtpWriteTimeouts writeTimeouts) {
        // Boot creates a sender even for an empty spring.mail.host, which would quietly mean "localhost".
        if (mailSender.getHost() == null || mailSender.getHost().isBlank()) {
            throw new IllegalStateException("spring.mail.host must name the SMTP server");
        }
        var properties = new Properties();
        properties.putAll(mailSender.getJavaMailProperties());
        properties.put(SmtpWriteTimeouts.SESSION_PROPERTY, writeTimeouts.scheduler());
        mailSender.setJavaMailProperties(properties); // also drops a session made before, so every send uses these
        StreamProviderLookup.nameAngusUnlessSet();
        this.mailSender = mailSender;
        this.settings = settings;
        this.connections = new SmtpConnections(mailSender, settings.connections());
    }

    public void send(String to, RenderedMail mail) throws MailException {
        connections.send(message(to, mail));
    }

    /** Connections open and unused now (for tests). */
    int idleConnections() {
        return connections.idle();
    }

    @Override
    public void destroy() {
        connections.close();
    }

    /** The message as Spring's sender would write it: failures to build it are permanent, never retried. */
    private MimeMessage message(String to, RenderedMail mail) {
        MimeMessage message = mailSender.createMimeMessage();
        try {
            MimeMessageHelper helper = new MimeMessageHelper(message, false, StandardCharsets.UTF_8.name());
            helper.setFrom(settings.from());
            helper.setTo(to);
            helper.setSubject(mail.subject());
            helper.setText(mail.body(), false);
            // RFC 3834: tells mail servers and out-of-office robots not to answer an automatic message.
            message.setHeader("Auto-Submitted", "auto-generated");
            message.setSentDate(new Date());
            message.saveChanges();
            return message;
        } catch (MessagingException ex) {
            throw new MailParseException(ex);
        } catch (RuntimeException ex) {
            throw new MailPreparationException(ex);
        }
    }
}
