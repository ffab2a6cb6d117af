package io.firedrill.adapter.webhook.notification;

import io.firedrill.domain.notification.ChannelKind;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Where notifications may go (docs/notifications.md, "Outbound safety"): a vendor kind only to its vendor's hosts
 * ({@code firedrill.notifications.hosts.<kind>}; an entry starting with a dot allows that domain's subdomains), a signed
 * webhook only to a URL under one of the operator's prefixes ({@code firedrill.notifications.webhook-url-prefixes}),
 * always over HTTPS unless {@code firedrill.notifications.allow-http}, and never to a loopback, private, link-local or
 * otherwise non-public address unless it lies in one of {@code firedrill.notifications.allowed-networks} (CIDR).
 */
@ApplicationScoped
@Startup // a malformed network in the configuration stops the start, not the first send
public class OutboundRules {

    /** The longest URL accepted (vendors' webhook URLs are a few hundred characters). */
    static final int URL_MAX = 2_000;

    private final Map<ChannelKind, List<String>> hosts = new EnumMap<>(ChannelKind.class);
    private final List<String> webhookPrefixes;
    private final List<Cidr> allowedNetworks;
    private final boolean allowHttp;

    @Inject
    public OutboundRules(@ConfigProperty(name = "firedrill.notifications.hosts.slack") List<String> slack,
                         @ConfigProperty(name = "firedrill.notifications.hosts.feishu") List<String> feishu,
                         @ConfigProperty(name = "firedrill.notifications.hosts.dingtalk") List<String> dingtalk,
                         @ConfigProperty(name = "firedrill.notifications.hosts.wecom") List<String> wecom,
                         @ConfigProperty(name = "firedrill.notifications.hosts.teams") List<String> teams,
                         @ConfigProperty(name = "firedrill.notifications.webhook-url-prefixes")
                         Optional<List<String>> webhookPrefixes,
                         @ConfigProperty(name = "firedrill.notifications.allowed-networks")
                         Optional<List<String>> allowedNetworks,
                         @ConfigProperty(name = "firedrill.notifications.allow-http", defaultValue = "false")
                         boolean allowHttp) {
        hosts.put(ChannelKind.SLACK, lower(slack));
        hosts.put(ChannelKind.FEISHU, lower(feishu));
        hosts.put(ChannelKind.DINGTALK, lower(dingtalk));
        hosts.put(ChannelKind.WECOM, lower(wecom));
        hosts.put(ChannelKind.TEAMS, lower(teams));
        this.webhookPrefixes = webhookPrefixes.orElse(List.of()).stream().map(String::strip).filter(p -> !p.isEmpty())
                .toList();
        this.allowedNetworks = allowedNetworks.orElse(List.of()).stream().map(String::strip).filter(n -> !n.isEmpty())
                .map(Cidr::parse).toList();
        this.allowHttp = allowHttp;
    }

    /** The URL when a channel of {@code kind} may send to it; else an {@link IllegalArgumentException} naming {@code url}. */
    public URI allowed(ChannelKind kind, String url) {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("url must be given: the address the vendor shows for the channel");
        }
        if (url.length() > URL_MAX) {
            throw new IllegalArgumentException("url must be at most " + URL_MAX + " characters");
        }
        URI uri;
        try {
            uri = new URI(url.strip());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("url is not a valid URL: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !(allowHttp && scheme.equals("http"))) {
            throw new IllegalArgumentException("url must be an https:// URL" + (allowHttp ? " or an http:// one" : ""));
        }
        if (uri.getHost() == null || uri.getRawUserInfo() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException("url must name a host, without user information or a fragment");
        }
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        String rawPath = uri.getRawPath() == null ? "" : uri.getRawPath().toLowerCase(Locale.ROOT);
        if (!uri.normalize().equals(uri) || rawPath.contains("%2e") || rawPath.contains("%2f") || rawPath.contains("%5c")
                || rawPath.contains("\\")) {
            // a receiver that normalises the path would serve another one than the prefix allowed
            throw new IllegalArgumentException("url must not hold dot segments or encoded dots and slashes in its path");
        }
        if (kind == ChannelKind.WEBHOOK) {
            String normalized = uri.toString();
            if (webhookPrefixes.stream().noneMatch(prefix -> under(normalized, prefix))) {
                // the operator's prefixes are not shown: they may name internal relays
                throw new IllegalArgumentException("url must start with one of the URL prefixes the operator allows"
                        + " for signed webhooks (FIREDRILL_NOTIFICATIONS_WEBHOOK_URL_PREFIXES)"
                        + (webhookPrefixes.isEmpty() ? "; none is configured" : ""));
            }
        } else if (hosts.get(kind).stream().noneMatch(allowed -> allowed.startsWith(".")
                ? host.endsWith(allowed) : host.equals(allowed))) {
            throw new IllegalArgumentException("url must be on a host of the vendor for " + kind + " channels that the"
                    + " operator allows (FIREDRILL_NOTIFICATIONS_HOSTS_" + kind + "), not " + host);
        }
        if (literal(host) instanceof InetAddress address && !permitted(address)) {
            throw new IllegalArgumentException("url points at a non-public address (" + host + "); the operator can"
                    + " allow its network with FIREDRILL_NOTIFICATIONS_ALLOWED_NETWORKS");
        }
        return uri;
    }

    /**
     * Whether {@code url} starts with {@code prefix} at a boundary: {@code https://hooks.example.com} allows
     * {@code https://hooks.example.com/x}, not {@code https://hooks.example.com.evil.test/}. A prefix that ends in a
     * separator ({@code /}, {@code :}, {@code ?}, {@code &}, {@code =}) is its own boundary.
     */
    static boolean under(String url, String prefix) {
        if (!url.startsWith(prefix)) {
            return false;
        }
        char last = prefix.isEmpty() ? '/' : prefix.charAt(prefix.length() - 1);
        if (url.length() == prefix.length() || "/:?&=".indexOf(last) >= 0) {
            return true;
        }
        char next = url.charAt(prefix.length());
        return next == '/' || next == '?';
    }

    /**
     * Whether a destination may be reached at {@code address}: a public address, or one in a network the operator
     * allows.
     */
    public boolean permitted(InetAddress address) {
        return allowedNetworks.stream().anyMatch(network -> network.contains(address)) || isPublic(address);
    }

    static boolean isPublic(InetAddress address) {
        if (address.isAnyLocalAddress() || address.isLoopbackAddress() || address.isLinkLocalAddress()
                || address.isSiteLocalAddress() || address.isMulticastAddress()) {
            return false;
        }
        byte[] b = address.getAddress();
        if (b.length == 4) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            return first != 0 // this network
                    && !(first == 100 && second >= 64 && second < 128) // shared address space (carrier-grade NAT)
                    && !(first == 192 && second == 0 && (b[2] & 0xff) == 0) // IETF protocol assignments
                    && !(first == 198 && (second == 18 || second == 19)) // benchmarking
                    && first < 240; // reserved and broadcast
        }
        // IPv6: global unicast (2000::/3) only, less the ranges that embed or relay an IPv4 address (6to4 2002::/16,
        // Teredo 2001::/32) and documentation (2001:db8::/32). NAT64 (64:ff9b::/96), IPv4-compatible and -translated
        // forms, unique-local and the rest lie outside 2000::/3.
        int first16 = ((b[0] & 0xff) << 8) | (b[1] & 0xff);
        int second16 = ((b[2] & 0xff) << 8) | (b[3] & 0xff);
        return (b[0] & 0xe0) == 0x20
                && first16 != 0x2002
                && !(first16 == 0x2001 && (second16 == 0x0000 || second16 == 0x0db8));
    }

    /**
     * The address of a host written as an IP literal (four dotted decimals, or IPv6 in brackets), else {@code null}: a
     * name, resolved at send time on a worker. Only literals reach {@link InetAddress#getByName}, which then parses
     * without any lookup.
     */
    private static InetAddress literal(String host) {
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (!bare.matches("\\d{1,3}(\\.\\d{1,3}){3}|[0-9a-f:.]*:[0-9a-f:.]*")) {
            return null;
        }
        try {
            return InetAddress.getByName(bare); // a literal: no lookup
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("url has an invalid address: " + host);
        }
    }

    private static List<String> lower(List<String> hosts) {
        return hosts.stream().map(h -> h.strip().toLowerCase(Locale.ROOT)).filter(h -> !h.isEmpty()).toList();
    }

    /** An IPv4 or IPv6 network in CIDR notation. */
    record Cidr(byte[] network, int bits) {

        static Cidr parse(String text) {
            String[] parts = text.split("/", 2);
            InetAddress address = literal(parts[0].toLowerCase(Locale.ROOT));
            if (address == null) {
                throw new IllegalStateException("firedrill.notifications.allowed-networks: " + text + " is not a CIDR"
                        + " network such as 10.0.0.0/8");
            }
            int max = address.getAddress().length * 8;
            int bits;
            try {
                bits = parts.length == 1 ? max : Integer.parseInt(parts[1]);
            } catch (NumberFormatException e) {
                bits = -1;
            }
            if (bits < 0 || bits > max) {
                throw new IllegalStateException("firedrill.notifications.allowed-networks: " + text + " has an invalid"
                        + " prefix length");
            }
            return new Cidr(address.getAddress(), bits);
        }

        boolean contains(InetAddress address) {
            byte[] candidate = address.getAddress();
            if (candidate.length != network.length) {
                return false;
            }
            for (int bit = 0; bit < bits; bit++) {
                int mask = 0x80 >>> (bit % 8);
                if ((candidate[bit / 8] & mask) != (network[bit / 8] & mask)) {
                    return false;
                }
            }
            return true;
        }
    }
}
