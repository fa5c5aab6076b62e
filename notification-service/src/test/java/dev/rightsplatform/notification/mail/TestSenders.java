package dev.rightsplatform.notification.mail;

import java.time.Duration;
import java.util.Properties;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/** Senders to a test's own SMTP server, set up as Spring Boot sets up the service's (timeouts included). */
final class TestSenders {

    private TestSenders() {}

    static EmailSender to(
            int port, Duration writeTimeout, MailSettings.Connections connections, SmtpWriteTimeouts writeTimeouts) {
        var mailSender = new JavaMailSenderImpl();
        mailSender.setHost("127.0.0.1");
        mailSender.setPort(port);
        var properties = new Properties();
        properties.setProperty("mail.smtp.connectiontimeout", "5000");
        properties.setProperty("mail.smtp.timeout", "10000");
        properties.setProperty("mail.smtp.writetimeout", Long.toString(writeTimeout.toMillis()));
        mailSender.setJavaMailProperties(properties);
        return new EmailSender(mailSender, new MailSettings("privacy@rights.example", connections), writeTimeouts);
    }

    static RenderedMail mail(String subject) {
        return new RenderedMail(subject, "Your request was received.\nDas ist alles. 已收到。\n");
    }
}
