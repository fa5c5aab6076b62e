package dev.rightsplatform.rights.web;

import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import reactor.netty.NettyPipeline;
import tools.jackson.databind.json.JsonMapper;

/** Puts {@link MalformedRequestHandler} right after the HTTP/1.1 codec of every connection to the service. */
@Configuration(proxyBeanMethods = false)
class NettyConfiguration {

    @Bean
    NettyServerCustomizer malformedRequestProblems(JsonMapper json) {
        // Reactor Netty has added its codec when doOnChannelInit runs; without one (HTTP/2) nothing is added
        return server -> server.doOnChannelInit((observer, channel, remoteAddress) -> {
            var pipeline = channel.pipeline();
            if (pipeline.get(NettyPipeline.HttpCodec) != null) {
                pipeline.addAfter(
                        NettyPipeline.HttpCodec, MalformedRequestHandler.NAME, new MalformedRequestHandler(json));
            }
        });
    }
}
