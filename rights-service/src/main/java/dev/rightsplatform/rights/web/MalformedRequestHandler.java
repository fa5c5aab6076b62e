package dev.rightsplatform.rights.web;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
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
import org.springframework.http.ProblemDetail;
import reactor.netty.channel.ChannelOperations;
import tools.jackson.databind.json.JsonMapper;

/**
 * Answers, with a problem, the requests that never reach Spring: Netty's decoder fails a request line longer than
 * {@code server.netty.max-initial-line-length} (414), headers above {@code server.max-http-request-header-size} (431)
 * and anything else it cannot parse, such as a control character in a header (400), and Reactor Netty answers those
 * with an empty body; Spring answers a target that is no valid URI (a broken %-escape) with an empty 400. Sits right
 * after the HTTP codec; the connection is closed after the answer, as Reactor Netty does, since what follows on it
 * cannot be trusted to be a next request. The same idea as the gateway's handler of this name.
 */
final class MalformedRequestHandler extends ChannelInboundHandlerAdapter {

    static final String NAME = "rights.malformedRequests";

    private final JsonMapper json;
    /** Set once refused: what the caller still sends on this connection is dropped until it closes. */
    private boolean refused;

    MalformedRequestHandler(JsonMapper json) {
        this.json = json;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object message) {
        if (refused) {
            ReferenceCountUtil.release(message);
            return;
        }
        // while an earlier request on the connection is still being answered, Reactor Netty keeps the order itself
        var problem = message instanceof HttpRequest request && ChannelOperations.get(ctx.channel()) == null
                ? problemOf(request)
                : null;
        if (problem == null) {
            ctx.fireChannelRead(message);
            return;
        }
        refused = true;
        ReferenceCountUtil.release(message);
        var body = json.writeValueAsBytes(problem);
        var response = new DefaultFullHttpResponse(
                HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(problem.getStatus()), Unpooled.wrappedBuffer(body));
        response.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, MediaType.APPLICATION_PROBLEM_JSON_VALUE)
                .setInt(HttpHeaderNames.CONTENT_LENGTH, body.length)
                .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
    }

    static @Nullable ProblemDetail problemOf(HttpRequest request) {
        var decoding = request.decoderResult();
        if (decoding.isFailure()) {
            var cause = decoding.cause();
            if (cause instanceof TooLongHttpLineException) {
                return plain(414, "URI Too Long", "The request line is longer than this service reads.");
            }
            if (cause instanceof TooLongHttpHeaderException) {
                return plain(431, "Request Header Fields Too Large", "The headers are larger than this service reads.");
            }
            return Problems.of(
                    ProblemType.MALFORMED_REQUEST,
                    "The request is not valid HTTP (a control character in a header, say).");
        }
        try {
            new URI(request.uri()); // what Spring does with it, answering an empty 400 if it fails
            return null;
        } catch (URISyntaxException e) {
            return Problems.of(ProblemType.MALFORMED_REQUEST, "The URL is not valid (a broken %-escape, say).");
        }
    }

    private static ProblemDetail plain(int status, String title, String detail) {
        var problem = ProblemDetail.forStatusAndDetail(org.springframework.http.HttpStatusCode.valueOf(status), detail);
        problem.setType(ProblemType.forStatus(status));
        problem.setTitle(title);
        return problem;
    }
}
