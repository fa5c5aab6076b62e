package dev.rightsplatform.rights.opendsr;

import io.netty.resolver.AddressResolver;
import io.netty.resolver.AddressResolverGroup;
import io.netty.resolver.InetNameResolver;
import io.netty.resolver.InetSocketAddressResolver;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Promise;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;

/**
 * The only name resolution a callback makes: the host is resolved once, every address is checked against
 * {@link PublicAddresses}, and the connection goes to exactly the address that was checked. A separate check before
 * the call would leave a window in which DNS could answer "public" to the check and "private" to the connection (DNS
 * rebinding); here there is nothing in between. Lookups use the JDK's resolver, as Netty's default does.
 */
final class PinnedAddressResolver extends AddressResolverGroup<InetSocketAddress> {

    /** How a host becomes addresses: the JDK's resolver, replaceable in tests. */
    interface Lookup {
        InetAddress[] all(String host) throws UnknownHostException;
    }

    private final Lookup lookup;
    private final boolean allowPrivate;

    PinnedAddressResolver(Lookup lookup, boolean allowPrivate) {
        this.lookup = lookup;
        this.allowPrivate = allowPrivate;
    }

    @Override
    protected AddressResolver<InetSocketAddress> newResolver(EventExecutor executor) {
        return new InetSocketAddressResolver(executor, new InetNameResolver(executor) {
            @Override
            protected void doResolve(String host, Promise<InetAddress> promise) {
                try {
                    promise.setSuccess(checked(host).get(0));
                } catch (UnknownHostException e) {
                    promise.setFailure(e);
                }
            }

            @Override
            protected void doResolveAll(String host, Promise<List<InetAddress>> promise) {
                try {
                    promise.setSuccess(checked(host));
                } catch (UnknownHostException e) {
                    promise.setFailure(e);
                }
            }
        });
    }

    /** Every address of the host, if all are allowed; a refusal names no address. */
    List<InetAddress> checked(String host) throws UnknownHostException {
        var addresses = Arrays.asList(lookup.all(host));
        if (addresses.isEmpty()) {
            throw new UnknownHostException("the callback host does not resolve");
        }
        if (!allowPrivate && !addresses.stream().allMatch(PublicAddresses::isPublic)) {
            throw new RefusedAddressException();
        }
        return addresses;
    }

    /** The host resolved to an address callbacks may not reach. */
    static final class RefusedAddressException extends UnknownHostException {
        RefusedAddressException() {
            super("the callback host resolves to a loopback, private, link-local or reserved address");
        }
    }
}
