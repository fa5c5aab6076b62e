package dev.rightsplatform.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory.ConfirmType;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

/** Confirmed publishing refuses a template that could count an unconfirmed or unrouted message as sent. */
class ConfirmedPublishingUnitTests {

    @Test
    void correlatedConfirmsReturnsAndMandatoryAreAccepted() {
        var rabbit = template(ConfirmType.CORRELATED, true, true);
        assertThat(ConfirmedPublishing.misconfiguration(rabbit)).isNull();
        new ConfirmedPublishing(rabbit, Duration.ofSeconds(1));
    }

    @Test
    void noneOrSimpleConfirmsAreRefusedNamingTheSetting() {
        for (var type : new ConfirmType[] {ConfirmType.NONE, ConfirmType.SIMPLE}) {
            var wrong = ConfirmedPublishing.misconfiguration(template(type, true, true));
            assertThat(wrong).isNotNull();
            assertThat(wrong.setting()).isEqualTo("spring.rabbitmq.publisher-confirm-type");
            assertThat(wrong.problem()).contains("correlated");
        }
    }

    @Test
    void withoutReturnsOrMandatoryAnUnroutableMessageWouldCountAsSent() {
        for (var rabbit : new RabbitTemplate[] {
            template(ConfirmType.CORRELATED, false, true), template(ConfirmType.CORRELATED, true, false)
        }) {
            var wrong = ConfirmedPublishing.misconfiguration(rabbit);
            assertThat(wrong).isNotNull();
            assertThat(wrong.setting()).isEqualTo("spring.rabbitmq.publisher-returns");
            assertThat(wrong.problem()).contains("must be true");
            assertThatThrownBy(() -> new ConfirmedPublishing(rabbit, Duration.ofSeconds(1)))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("spring.rabbitmq.publisher-returns");
        }
    }

    @Test
    void aFailureNamesTheDestinationNeverTheBody() {
        var outgoing = new ConfirmedPublishing.Outgoing(
                "rights.tasks", "task.crm", new org.springframework.amqp.core.Message("secret@example.com".getBytes()));
        assertThat(ConfirmedPublishing.timedOut(outgoing, Duration.ofSeconds(10)))
                .isEqualTo("no publisher confirm within PT10S for exchange rights.tasks with key task.crm");
        assertThat(new ConfirmedPublishing.Outgoing("", "q", outgoing.message()).destination())
                .isEqualTo("queue q");
    }

    private static RabbitTemplate template(ConfirmType confirms, boolean returns, boolean mandatory) {
        var connections = new CachingConnectionFactory("127.0.0.1");
        connections.setPublisherConfirmType(confirms);
        connections.setPublisherReturns(returns);
        var rabbit = new RabbitTemplate(connections);
        rabbit.setMandatory(mandatory);
        return rabbit;
    }
}
