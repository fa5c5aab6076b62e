package dev.rightsplatform.gateway;

import io.netty.channel.ChannelHandler;
import java.util.function.Supplier;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.cloud.gateway.config.HttpClientCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import reactor.netty.ChannelPipelineConfigurer;
import reactor.netty.NettyPipeline;

/**
 * Puts the gateway's own handlers right after the HTTP/1.1 codec of every connection: {@link MalformedRequestHandler} on
 * the server side, {@link UndecodableResponseHandler} on the connections to the services.
 */
@Configuration(proxyBeanMethods = false)
class NettyConfiguration {

    @Bean
    NettyServerCustomizer malformedRequestProblems() {
        return server -> server.doOnChannelInit(afterCodec(MalformedRequestHandler.NAME, MalformedRequestHandler::new));
    }

    @Bean
    HttpClientCustomizer undecodableResponseFailures() {
        return client ->
                client.doOnChannelInit(afterCodec(UndecodableResponseHandler.NAME, UndecodableResponseHandler::new));
    }

    /** Reactor Netty has added its codec when doOnChannelInit runs; without one (HTTP/2) nothing is added. */
    private static ChannelPipelineConfigurer afterCodec(String name, Supplier<ChannelHandler> handler) {
        return (observer, channel, remoteAddress) -> {
            var pipeline = channel.pipeline();
            if (pipeline.get(NettyPipeline.HttpCodec) != null) {
                pipeline.addAfter(NettyPipeline.HttpCodec, name, handler.get());
            }
        };
    }
}
