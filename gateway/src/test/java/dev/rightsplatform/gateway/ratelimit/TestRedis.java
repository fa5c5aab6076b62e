package dev.rightsplatform.gateway.ratelimit;

import java.util.UUID;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.ScanOptions;

/**
 * The machine's real Redis (127.0.0.1:6379, or SPRING_DATA_REDIS_HOST/PORT) for the rate-limit tests. Each test run
 * counts under a key prefix of its own, so parallel runs never share a bucket, and deletes its keys afterwards.
 */
public final class TestRedis implements AutoCloseable {

    static final String HOST = env("SPRING_DATA_REDIS_HOST", "127.0.0.1");
    static final int PORT = Integer.parseInt(env("SPRING_DATA_REDIS_PORT", "6379"));

    private final LettuceConnectionFactory connections;
    final ReactiveStringRedisTemplate template;

    public TestRedis() {
        this(PORT);
    }

    TestRedis(int port) {
        connections = new LettuceConnectionFactory(new RedisStandaloneConfiguration(HOST, port));
        connections.afterPropertiesSet();
        connections.start();
        template = new ReactiveStringRedisTemplate(connections);
    }

    public static String uniquePrefix() {
        return "gateway-test-" + UUID.randomUUID();
    }

    /** Deletes every key under the prefix; answers how many there were. */
    public long deleteKeys(String prefix) {
        var deleted = template.scan(
                        ScanOptions.scanOptions().match(prefix + "*").count(500).build())
                .buffer(500)
                .concatMap(keys -> template.delete(keys.toArray(String[]::new)))
                .reduce(0L, Long::sum)
                .block();
        return deleted == null ? 0 : deleted;
    }

    @Override
    public void close() {
        connections.destroy();
    }

    private static String env(String name, String fallback) {
        var value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
