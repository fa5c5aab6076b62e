package dev.rightsplatform.gateway;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;

/**
 * Turns a service's answer that Netty could not decode as HTTP into an {@link UndecodableResponseException}, an
 * {@link IOException} like every other failure of the connection to the service, so {@link ProblemExceptionHandler}
 * answers 502. Without it the call fails with the decoder's own exception (an {@code IllegalArgumentException} for a
 * bad status line), which cannot be told from a fault of the gateway. Sits right after the client's HTTP codec.
 */
final class UndecodableResponseHandler extends ChannelInboundHandlerAdapter {

    static final String NAME = "gateway.undecodableResponses";

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object message) {
        if (message instanceof HttpResponse response && response.decoderResult().isFailure()) {
            var cause = response.decoderResult().cause();
            ReferenceCountUtil.release(message);
            ctx.fireExceptionCaught(new UndecodableResponseException(cause));
            ctx.close(); // what follows on this connection cannot be trusted either
            return;
        }
        ctx.fireChannelRead(message);
    }

    /** The service answered with something that is not HTTP. */
    static final class UndecodableResponseException extends IOException {

        UndecodableResponseException(Throwable cause) {
            super("the service's answer is not valid HTTP: " + cause.getMessage(), cause);
        }
    }
}
