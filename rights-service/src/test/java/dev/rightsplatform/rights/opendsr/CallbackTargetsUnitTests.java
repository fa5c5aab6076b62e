package dev.rightsplatform.rights.opendsr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import reactor.netty.http.client.HttpClient;

/** Callback URLs a partner names must not reach the platform's own network (server-side request forgery). */
class CallbackTargetsUnitTests {

    private final CallbackTargets strict =
            new CallbackTargets(settings(false, false), false, InetAddress::getAllByName);

    @ParameterizedTest
    @ValueSource(
            strings = {
                "http://93.184.215.14/cb",
                "https://127.0.0.1/cb",
                "https://localhost/cb",
                "https://10.1.2.3/cb",
                "https://172.16.0.1/cb",
                "https://192.168.1.1/cb",
                "https://169.254.169.254/latest/meta-data",
                "https://[::1]/cb",
                "https://[fd00::1]/cb",
                "https://[::ffff:127.0.0.1]/cb",
                "https://100.64.0.1/cb",
                "https://0.0.0.0/cb",
                "ftp://93.184.215.14/cb",
                "https://user:pw@93.184.215.14/cb",
                // IPv6 forms that carry an IPv4 address: NAT64, local-use NAT64, 6to4, IPv4-compatible, Teredo
                "https://[64:ff9b::a00:1]/cb",
                "https://[64:ff9b::5db8:d70e]/cb",
                "https://[64:ff9b:1::1]/cb",
                "https://[2002:a00:1::1]/cb",
                "https://[::10.0.0.1]/cb",
                "https://[::93.184.215.14]/cb",
                "https://[2001:0:4136:e378:8000:63bf:3fff:fdd2]/cb",
                "https://[2001:db8::1]/cb",
                "https://[fe80::1]/cb",
                "https://192.0.2.1/cb",
                "https://198.51.100.7/cb",
                "https://203.0.113.9/cb",
                "https://198.18.0.1/cb",
                "https://240.0.0.1/cb",
                "https://255.255.255.255/cb",
                "https://224.0.0.1/cb",
                "https://[ff02::1]/cb"
            })
    void refusesPlainHttpPrivateLoopbackLinkLocalReservedAndTransitionTargets(String url) {
        assertThat(strict.refusal(URI.create(url))).isNotNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"93.184.215.14", "8.8.8.8", "2606:4700:4700::1111", "2a00:1450:4001:80b::200e"})
    void publicAddressesArePublic(String address) throws Exception {
        assertThat(PublicAddresses.isPublic(InetAddress.getByName(address))).isTrue();
        assertThat(strict.refusal(
                        URI.create("https://" + (address.contains(":") ? "[" + address + "]" : address) + "/cb")))
                .isNull();
    }

    @Test
    void aHostThatAnswersPublicToTheCheckAndPrivateToTheConnectionIsNeverReached() throws Exception {
        var server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        var reached = new AtomicInteger();
        server.createContext("/", exchange -> {
            reached.incrementAndGet();
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.start();
        try {
            var answers = new AtomicInteger();
            // DNS rebinding: public at the check, loopback (where the server listens) at the connection
            PinnedAddressResolver.Lookup rebinding = host -> new InetAddress[] {
                InetAddress.getByName(answers.getAndIncrement() == 0 ? "93.184.215.14" : "127.0.0.1")
            };
            var targets = new CallbackTargets(settings(true, false), true, rebinding);
            var url = URI.create("http://rebind.example:" + server.getAddress().getPort() + "/cb");
            assertThat(targets.refusal(url))
                    .as("the check sees a public address")
                    .isNull();

            var call = HttpClient.create()
                    .resolver(targets.resolver())
                    .get()
                    .uri(url.toString())
                    .responseSingle((response, body) ->
                            reactor.core.publisher.Mono.just(response.status().code()));
            assertThatThrownBy(() -> call.block(Duration.ofSeconds(10)))
                    .hasRootCauseInstanceOf(PinnedAddressResolver.RefusedAddressException.class);
            assertThat(reached).as("the private address was never connected to").hasValue(0);
        } finally {
            server.stop(0);
        }
    }

    @Test
    void theDevelopmentSwitchesRefuseToTakeEffectOutsideTheDevProfile() {
        assertThatThrownBy(() -> new CallbackTargets(settings(false, true), false, InetAddress::getAllByName))
                .hasMessageContaining("'dev' profile");
        assertThatThrownBy(() -> new CallbackTargets(settings(true, false), false, InetAddress::getAllByName))
                .hasMessageContaining("'dev' profile");
        var development = new CallbackTargets(settings(true, true), true, InetAddress::getAllByName);
        assertThat(development.refusal(URI.create("http://127.0.0.1:9/cb"))).isNull();
    }

    private static OpenDsrProperties.Callbacks settings(boolean allowHttp, boolean allowPrivate) {
        return new OpenDsrProperties.Callbacks(null, null, null, null, null, allowPrivate, allowHttp);
    }
}
