package dev.rightsplatform.rights.opendsr;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Callback URLs a partner names must not reach the platform's own network (server-side request forgery). */
class CallbackTargetsUnitTests {

    private final CallbackTargets strict = new CallbackTargets(new OpenDsrProperties(null, null,
            new OpenDsrProperties.Keystore(Path.of("unused.p12"), "unused", null), Map.of(),
            new OpenDsrProperties.Callbacks(null, null, null, null, null, false, false)));

    @ParameterizedTest
    @ValueSource(strings = {"http://93.184.215.14/cb", "https://127.0.0.1/cb", "https://localhost/cb", "https://10.1.2.3/cb",
            "https://172.16.0.1/cb", "https://192.168.1.1/cb", "https://169.254.169.254/latest/meta-data",
            "https://[::1]/cb", "https://[fd00::1]/cb", "https://[::ffff:127.0.0.1]/cb", "https://100.64.0.1/cb",
            "https://0.0.0.0/cb", "ftp://93.184.215.14/cb"})
    void refusesPlainHttpAndPrivateLoopbackAndLinkLocalTargets(String url) {
        assertThat(strict.refusal(URI.create(url))).isNotNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"93.184.215.14", "8.8.8.8", "2606:4700:4700::1111"})
    void publicAddressesArePublic(String address) throws Exception {
        assertThat(CallbackTargets.isPublic(InetAddress.getByName(address))).isTrue();
        assertThat(strict.refusal(URI.create("https://" + (address.contains(":") ? "[" + address + "]" : address) + "/cb"))).isNull();
    }
}
