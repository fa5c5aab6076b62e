package dev.rightsplatform.gateway;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.util.ReferenceCountUtil;
import java.net.URI;
import java.net.URISyntaxException;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import reactor.netty.channel.ChannelOperations;

/**
 * Answers, with a problem, the requests that never reach Spring. Netty's decoder marks a request line longer than
 * {@code server.netty.max-initial-line-length} (414), headers above {@code server.max-http-request-header-size} (431) or
 * anything else it cannot parse (400) as failed, and Reactor Netty answers those with an empty body; Spring answers a
 * target that is no valid {@link URI} (a raw backslash, say) with an empty 400 before any filter runs. Sits right after
 * the HTTP codec, so it sees the request first; the connection is closed after the answer, as Reactor Netty does,
 * because the rest of what was sent cannot be trusted to be a next request.
 */
final class MalformedRequestHandler extends ChannelInboundHandlerAdapter {

    static final String NAME = "gateway.malformedRequests";

    /** Set once refused: what the caller still sends on this connection is dropped until it closes. */
    private boolean refused;

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object message) {
        if (refused) {
            ReferenceCountUtil.release(message);
            return;
        }
        // While an earlier request on the connection is still answered, Reactor Netty's answer keeps the order.
        var problem = message instanceof HttpRequest request && ChannelOperations.get(ctx.channel()) == null
                ? problemOf(request)
                : null;
        if (problem == null) {
            ctx.fireChannelRead(message);
            return;
        }
        refused = true;
        ReferenceCountUtil.release(message);
        ctx.writeAndFlush(response(problem)).addListener(ChannelFutureListener.CLOSE);
    }

    static @Nullable ProblemType problemOf(HttpRequest request) {
        var decoding = request.decoderResult();
        if (decoding.isFailure()) {
            var cause = decoding.cause();
            return cause instanceof TooLongHttpLineException
                    ? ProblemType.URI_TOO_LONG
                    : cause instanceof TooLongHttpHeaderException
                            ? ProblemType.HEADERS_TOO_LARGE
                            : ProblemType.MALFORMED_REQUEST;
        }
        try {
            new URI(request.uri()); // what ReactorServerHttpRequest does with it, answering an empty 400 if it fails
            return null;
        } catch (URISyntaxException e) {
            return ProblemType.MALFORMED_REQUEST;
        }
    }

    private static FullHttpResponse response(ProblemType problem) {
        var body = Problems.json(problem);
        var response = new DefaultFullHttpResponse(
                HttpVersion.HTTP_1_1,
                HttpResponseStatus.valueOf(problem.status().value()),
                Unpooled.wrappedBuffer(body));
        response.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, MediaType.APPLICATION_PROBLEM_JSON_VALUE)
                .setInt(HttpHeaderNames.CONTENT_LENGTH, body.length)
                .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE)
                // what Spring Security adds to every other answer
                .set(HttpHeaderNames.CACHE_CONTROL, "no-cache, no-store, max-age=0, must-revalidate")
                .set("X-Content-Type-Options", "nosniff");
        return response;
    }
}
