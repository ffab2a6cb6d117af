package io.firedrill.domain.notification;

import io.firedrill.domain.shared.FieldText;
import io.firedrill.domain.shared.Severity;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Which notices reach a channel: by type, the incident's severity and services, and whether drill traffic is wanted.
 * Validation messages start with the field's name.
 *
 * @param types the notice types the route carries; at least one
 * @param minSeverity the least severe incident it carries ({@code P1}: P0 and P1), or {@code null} for all; notices
 *     without an incident (drill runs) pass
 * @param services the services it carries (any of the incident's), or empty for all; notices without an incident pass
 * @param traffic production facts, drill facts or both; drill facts reach only channels that accept drill traffic
 */
public record RouteSettings(String name, ChannelId channel, Set<NoticeType> types, Severity minSeverity,
                            Set<String> services, Traffic traffic) {

    public static final int NAME_MAX = 200;
    public static final int SERVICES_MAX = 100;

    /** Which traffic a route carries. */
    public enum Traffic { PRODUCTION, DRILLS, BOTH }

    public RouteSettings {
        name = FieldText.required(name, "name", NAME_MAX);
        if (channel == null) {
            throw new IllegalArgumentException("channelId must be given: the channel the route sends to");
        }
        if (types == null || types.isEmpty()) {
            throw new IllegalArgumentException("types must name at least one notice type");
        }
        types = Collections.unmodifiableSet(EnumSet.copyOf(types));
        Set<String> cleaned = new LinkedHashSet<>();
        if (services != null) {
            if (services.size() > SERVICES_MAX) {
                throw new IllegalArgumentException("services must hold at most " + SERVICES_MAX + " services");
            }
            for (String service : services) {
                String serviceName = FieldText.required(service, "services", NAME_MAX);
                if (serviceName.contains(",")) {
                    throw new IllegalArgumentException("services must name services without commas");
                }
                cleaned.add(serviceName);
            }
        }
        services = Collections.unmodifiableSet(cleaned);
        traffic = traffic == null ? Traffic.PRODUCTION : traffic;
    }

    /** Whether {@code notice} goes this way, to a channel that does or does not accept drill traffic. */
    public boolean carries(Notice notice, boolean channelAcceptsDrills) {
        if (!types.contains(notice.type())) {
            return false;
        }
        if (notice.drill() ? traffic == Traffic.PRODUCTION || !channelAcceptsDrills : traffic == Traffic.DRILLS) {
            return false;
        }
        Notice.Incident incident = notice.incident();
        if (incident == null) {
            return true;
        }
        if (minSeverity != null && Severity.valueOf(incident.severity()).isLowerThan(minSeverity)) {
            return false;
        }
        return services.isEmpty() || incident.services().stream().anyMatch(services::contains);
    }
}
