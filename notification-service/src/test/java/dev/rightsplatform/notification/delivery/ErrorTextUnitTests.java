package dev.rightsplatform.notification.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.SendFailedException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.mail.MailSendException;

/** Failure descriptions go to the delivery log and the service log, so they must not carry addresses. */
class ErrorTextUnitTests {

    @Test
    void blanksOutAddressesTheSmtpServerQuotes() {
        MailSendException failure = new MailSendException(
                "Failed messages", new SendFailedException("550 5.1.1 <ada.lovelace@example.org>... User unknown"));

        String text = ErrorText.describe(failure);

        assertThat(text)
                .doesNotContain("ada.lovelace", "example.org")
                .contains("MailSendException")
                .contains("SendFailedException")
                .contains("550 5.1.1 <<address>>");
    }

    @Test
    void blanksOutTheEventsSecretsWhereverTheyAreQuoted() {
        MailSendException failure = new MailSendException(
                "Failed messages",
                new SendFailedException("554 5.7.1 Message rejected: Subject \"Your verification code: 048213\""));

        String text = ErrorText.describe(failure, List.of("048213"));

        assertThat(text).doesNotContain("048213").contains("Your verification code: <secret>");
    }

    @Test
    void staysShort() {
        String text = ErrorText.describe(new IllegalStateException("x".repeat(5_000)));

        assertThat(text).hasSizeLessThanOrEqualTo(500);
    }
}
