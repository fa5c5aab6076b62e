package dev.rightsplatform.notification.mail;

import jakarta.mail.Address;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import org.apache.commons.pool2.BasePooledObjectFactory;
import org.apache.commons.pool2.PooledObject;
import org.apache.commons.pool2.impl.DefaultPooledObject;
import org.apache.commons.pool2.impl.GenericObjectPool;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;
import org.springframework.mail.MailAuthenticationException;
import org.springframework.mail.MailException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * SMTP connections kept open between mails. Opening one costs a TCP handshake, the server's greeting and {@code EHLO}
 * and, against a real relay, a TLS handshake and a login: about half of what this service spent per mail on loopback
 * without TLS (JFR, 2026-12-07). Each sender takes a connection of its own (there is no ceiling, as when every mail
 * opened one), returns it after a mail that went through, and drops it after one that failed, whose state is unknown.
 *
 * <p>A kept connection is checked with {@code NOOP} before it carries another mail (Jakarta Mail's {@code
 * isConnected}), so that one the server has closed is replaced before anything is sent over it and a mail is never
 * half-sent twice. Connections idle longer than {@link MailSettings.Connections#maxIdle()} are closed (with {@code
 * QUIT}) by the pool's evictor and never used again, below the idle timeouts servers apply (Postfix: 300 s); one that
 * has carried {@link MailSettings.Connections#maxMails()} mails is closed too, for servers that limit mails per
 * connection.
 */
final class SmtpConnections implements AutoCloseable {

    /**
     * Idle connections kept at most: more than the senders that run at once (the listeners' two consumers), and few, as
     * a send may check each kept one with {@code NOOP} (each bounded by {@code mail.smtp.timeout}) before it opens a new
     * one: {@code notification.delivery.claim-lease} must hold that too.
     */
    static final int MAX_KEPT = 4;

    private final GenericObjectPool<Transport> pool;

    SmtpConnections(JavaMailSenderImpl mailSender, MailSettings.Connections settings) {
        var config = new GenericObjectPoolConfig<Transport>();
        config.setMaxTotal(-1);
        config.setMaxIdle(MAX_KEPT);
        config.setTestOnBorrow(true);
        config.setMinEvictableIdleDuration(settings.maxIdle());
        config.setTimeBetweenEvictionRuns(evictionInterval(settings.maxIdle()));
        config.setNumTestsPerEvictionRun(MAX_KEPT);
        config.setJmxEnabled(false);
        pool = new GenericObjectPool<>(new Factory(mailSender, settings), config);
    }

    /** Sends over a kept connection, or a new one. */
    void send(MimeMessage message) throws MailException {
        Transport transport = borrow();
        boolean sent = false;
        try {
            var recipients = message.getAllRecipients();
            transport.sendMessage(message, recipients != null ? recipients : new Address[0]);
            sent = true;
        } catch (MessagingException | RuntimeException ex) {
            throw new MailSendException("Failed messages", ex);
        } finally {
            // whatever ended the send (an Error too), the connection goes back only after a mail that went through
            if (sent) {
                giveBack(transport);
            } else {
                invalidate(transport);
            }
        }
    }

    int idle() {
        return pool.getNumIdle();
    }

    @Override
    public void close() {
        pool.close(); // closes the idle ones; one still sending is closed when it comes back
    }

    private Transport borrow() {
        try {
            return pool.borrowObject();
        } catch (AuthenticationFailedException ex) {
            throw new MailAuthenticationException(ex);
        } catch (Exception ex) {
            throw new MailSendException("Mail server connection failed", ex);
        }
    }

    /** After a mail that went through, nothing may fail the send: the mail is out. */
    private void giveBack(Transport transport) {
        try {
            pool.returnObject(transport);
        } catch (RuntimeException ignored) {
            // the pool could not take it back: it is closed, or the connection is gone; either way the mail is sent
        }
    }

    private void invalidate(Transport transport) {
        try {
            pool.invalidateObject(transport);
        } catch (Exception ignored) {
            // closing a broken connection failed: it is out of the pool either way
        }
    }

    private static Duration evictionInterval(Duration maxIdle) {
        Duration half = maxIdle.dividedBy(2);
        return half.compareTo(Duration.ofMillis(100)) < 0 ? Duration.ofMillis(100) : half;
    }

    /** Opens, checks and closes the connections, as Spring's {@code JavaMailSenderImpl} opens its own. */
    private static final class Factory extends BasePooledObjectFactory<Transport> {

        private final JavaMailSenderImpl mailSender;

        private final MailSettings.Connections settings;

        Factory(JavaMailSenderImpl mailSender, MailSettings.Connections settings) {
            this.mailSender = mailSender;
            this.settings = settings;
        }

        @Override
        public Transport create() throws MessagingException {
            String username = emptyAsNull(mailSender.getUsername());
            String password = username == null ? emptyAsNull(mailSender.getPassword()) : mailSender.getPassword();
            Session session = mailSender.getSession();
            Transport transport = session.getTransport(protocol(session));
            transport.connect(mailSender.getHost(), mailSender.getPort(), username, password);
            return transport;
        }

        @Override
        public PooledObject<Transport> wrap(Transport transport) {
            return new DefaultPooledObject<>(transport);
        }

        /** Before a kept connection carries another mail: young enough, not worn out, and answering {@code NOOP}. */
        @Override
        public boolean validateObject(PooledObject<Transport> connection) {
            if (connection.getBorrowedCount() > settings.maxMails()) {
                return false;
            }
            Instant lastUsed = connection.getLastReturnInstant();
            boolean fresh = connection.getBorrowedCount() <= 1; // just opened: the greeting and EHLO have answered
            if (!fresh && lastUsed.plus(settings.maxIdle()).isBefore(Instant.now())) {
                return false;
            }
            return fresh || connection.getObject().isConnected();
        }

        @Override
        public void destroyObject(PooledObject<Transport> connection) throws MessagingException {
            connection.getObject().close();
        }

        /** Spring's sender's choice: its own setting, the session's, or plain SMTP. */
        private String protocol(Session session) {
            if (mailSender.getProtocol() != null) {
                return mailSender.getProtocol();
            }
            String fromSession = session.getProperty("mail.transport.protocol");
            return fromSession != null ? fromSession : JavaMailSenderImpl.DEFAULT_PROTOCOL;
        }

        private static String emptyAsNull(String value) {
            return value == null || value.isEmpty() ? null : value;
        }
    }
}
