package dev.rightsplatform.notification.mail;

import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

/** Hands one rendered e-mail to the SMTP server. Blocking, as JavaMail is: call it off event-loop threads. */
@Component
public class EmailSender {

    private final JavaMailSender mailSender;

    private final MailSettings settings;

    EmailSender(JavaMailSender mailSender, MailSettings settings) {
        // Boot creates a sender even for an empty spring.mail.host, which would quietly mean "localhost".
        if (mailSender instanceof JavaMailSenderImpl impl
                && (impl.getHost() == null || impl.getHost().isBlank())) {
            throw new IllegalStateException("spring.mail.host must name the SMTP server");
        }
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
