import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.ConnectionFactory;
import java.util.Map;

/**
 * Declares, in the benchmark's vhost, the two exchanges rights-service publishes to (as it declares them: durable
 * topics) and one quorum queue bound to both with "#", so that the outbox relay's mandatory publishes are routed
 * and the outbox drains as it does on the platform. Nobody consumes the queue; the vhost is deleted at the end.
 * Run with the JDK's source launcher and the amqp-client and slf4j-api jars on the class path:
 *
 * <pre>java -cp amqp-client.jar:slf4j-api.jar:netty-*.jar BenchAmqp.java VHOST QUEUE EXCHANGE...</pre> (the jars from rights-service's BOOT-INF/lib)
 */
public class BenchAmqp {

    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            System.err.println("usage: java -cp amqp-client.jar:slf4j-api.jar BenchAmqp.java VHOST QUEUE EXCHANGE...");
            System.exit(2);
        }
        var factory = new ConnectionFactory();
        factory.setHost("127.0.0.1");
        factory.setPort(5672);
        factory.setUsername("guest");
        factory.setPassword("guest");
        factory.setVirtualHost(args[0]);
        try (var connection = factory.newConnection("rights-bench-setup"); var channel = connection.createChannel()) {
            channel.queueDeclare(args[1], true, false, false, Map.of("x-queue-type", "quorum"));
            for (int i = 2; i < args.length; i++) {
                channel.exchangeDeclare(args[i], BuiltinExchangeType.TOPIC, true);
                channel.queueBind(args[1], args[i], "#");
            }
        }
    }
}
