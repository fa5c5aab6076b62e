package dev.rightsplatform.rights.support;

import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import reactor.core.publisher.Mono;

/**
 * Counts the SQL statements the service sends, grouped by transaction: the connection factory is wrapped so that each
 * connection records the statements it creates between {@code beginTransaction} and {@code commitTransaction}. A test
 * picks the transaction it cares about by a statement it must contain, so background work (the outbox relay, the
 * deadline scan) running meanwhile does not disturb the count.
 */
public class StatementLog {

    /** The statements of one committed transaction, in order. */
    public record Transaction(List<String> statements) {}

    private final List<Transaction> committed = new CopyOnWriteArrayList<>();
    private final AtomicInteger connections = new AtomicInteger();

    public void clear() {
        committed.clear();
    }

    /** Committed transactions containing a statement that contains {@code marker}. */
    public List<Transaction> transactionsWith(String marker) {
        return committed.stream()
                .filter(tx -> tx.statements().stream().anyMatch(sql -> sql.contains(marker)))
                .toList();
    }

    ConnectionFactory wrap(ConnectionFactory target) {
        return (ConnectionFactory) Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {ConnectionFactory.class}, (proxy, method, args) -> {
                    var result = invoke(target, method, args);
                    if (method.getName().equals("create")) {
                        return Mono.from((org.reactivestreams.Publisher<?>) result)
                                .map(connection -> wrap((Connection) connection));
                    }
                    return result;
                });
    }

    private Connection wrap(Connection target) {
        connections.incrementAndGet();
        var open = new ArrayList<String>();
        var inTransaction = new boolean[1];
        InvocationHandler handler = (proxy, method, args) -> {
            switch (method.getName()) {
                case "beginTransaction" -> {
                    synchronized (open) {
                        open.clear();
                        inTransaction[0] = true;
                    }
                }
                case "createStatement" -> {
                    synchronized (open) {
                        if (inTransaction[0]) {
                            open.add((String) args[0]);
                        }
                    }
                }
                case "commitTransaction" -> {
                    synchronized (open) {
                        committed.add(new Transaction(List.copyOf(open)));
                        open.clear();
                        inTransaction[0] = false;
                    }
                }
                case "rollbackTransaction" -> {
                    synchronized (open) {
                        open.clear();
                        inTransaction[0] = false;
                    }
                }
                default -> {}
            }
            return invoke(target, method, args);
        };
        return (Connection)
                Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class}, handler);
    }

    private static Object invoke(Object target, java.lang.reflect.Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /** Import into a test to wrap the service's connection factory. */
    @TestConfiguration(proxyBeanMethods = false)
    public static class Config {

        @Bean
        StatementLog statementLog() {
            return new StatementLog();
        }

        @Bean
        static BeanPostProcessor statementLogWrapper(
                org.springframework.beans.factory.ObjectProvider<StatementLog> log) {
            return new BeanPostProcessor() {
                @Override
                public Object postProcessAfterInitialization(Object bean, String beanName) {
                    return bean instanceof ConnectionFactory factory
                            ? log.getObject().wrap(factory)
                            : bean;
                }
            };
        }
    }
}
