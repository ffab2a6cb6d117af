package io.firedrill.application.postmortem;

import io.firedrill.application.actionitem.PostmortemLinks;
import io.firedrill.application.port.in.CommandMetadata;
import io.firedrill.application.port.in.actionitem.ActionItemQueries;
import io.firedrill.application.port.in.incident.IncidentCommands;
import io.firedrill.application.port.in.incident.IncidentQueries;
import io.firedrill.application.port.in.postmortem.PostmortemNotFound;
import io.firedrill.application.port.in.postmortem.Postmortems;
import io.firedrill.application.slice.EventTypes;
import io.firedrill.application.slice.Slice;
import io.firedrill.application.slice.SliceWiring;
import io.firedrill.application.slice.SourcedModel;
import io.firedrill.application.slice.SubjectLog;
import io.firedrill.domain.postmortem.BlamelessWords;
import io.firedrill.domain.postmortem.Postmortem;
import io.firedrill.domain.postmortem.PostmortemCommand.DraftPostmortem;
import io.firedrill.domain.postmortem.PostmortemCommand.PublishPostmortem;
import io.firedrill.domain.postmortem.PostmortemCommand;
import io.firedrill.domain.postmortem.PostmortemDecider;
import io.firedrill.domain.postmortem.PostmortemEvent.ChangesRequested;
import io.firedrill.domain.postmortem.PostmortemEvent.PostmortemApproved;
import io.firedrill.domain.postmortem.PostmortemEvent.PostmortemDrafted;
import io.firedrill.domain.postmortem.PostmortemEvent.PostmortemEdited;
import io.firedrill.domain.postmortem.PostmortemEvent.PostmortemPublished;
import io.firedrill.domain.postmortem.PostmortemEvent.PrefillRefreshed;
import io.firedrill.domain.postmortem.PostmortemEvent.SubmittedForReview;
import io.firedrill.domain.postmortem.PostmortemEvent;
import io.firedrill.domain.postmortem.PostmortemId;
import io.firedrill.domain.shared.TenantId;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.axonframework.messaging.eventstreaming.EventCriteria;
import org.axonframework.messaging.eventstreaming.Tag;

/**
 * The postmortem slice: stored names ({@code postmortem.PostmortemDrafted}, version 1), tags (the postmortem and
 * the tenant), its decider, and publishing, which decides over the postmortem's and its incident's logs together
 * ({@link PublicationModel}).
 */
public final class PostmortemSlice implements Slice {

    /** The tag key of the postmortem id. */
    public static final String POSTMORTEM_ID = "postmortemId";

    /** What the postmortem slice stores. */
    public static final EventTypes<PostmortemEvent> EVENTS = EventTypes.of("postmortem", PostmortemEvent.class)
            .event("postmortem.PostmortemDrafted", 1, PostmortemDrafted.class)
            .event("postmortem.PrefillRefreshed", 1, PrefillRefreshed.class)
            .event("postmortem.PostmortemEdited", 1, PostmortemEdited.class)
            .event("postmortem.SubmittedForReview", 1, SubmittedForReview.class)
            .event("postmortem.PostmortemApproved", 1, PostmortemApproved.class)
            .event("postmortem.ChangesRequested", 1, ChangesRequested.class)
            .event("postmortem.PostmortemPublished", 1, PostmortemPublished.class)
            .commands(PostmortemCommand.class)
            .subjectTags(POSTMORTEM_ID, PostmortemEvent::postmortemId)
            .valueType(PostmortemId.class, PostmortemId::of)
            .build();

    static final SourcedModel<PostmortemCommand, PostmortemEvent, Postmortem> MODEL =
            SourcedModel.<PostmortemCommand, PostmortemEvent, Postmortem>builder("postmortem", EVENTS)
                    .criteria((tenant, command) -> criteria(tenant, command.postmortemId()))
                    .evolving(Postmortem.EMPTY, PostmortemDecider::evolve, Postmortem::version)
                    .createdBy(command -> command instanceof DraftPostmortem, Postmortem::drafted,
                            command -> new PostmortemNotFound(
                                    "The incident has no postmortem yet: draft it first with POST .../postmortem."))
                    .decide(PostmortemDecider::decide)
                    .recordedAt(PostmortemEvent::occurredAt)
                    .build();

    /** The criteria that select one postmortem's events within one tenant. */
    public static EventCriteria criteria(TenantId tenant, PostmortemId id) {
        return EventCriteria.havingTags(Tag.of(POSTMORTEM_ID, id.toString()), Tag.of(CommandMetadata.TENANT, tenant.value()));
    }

    @Override
    public String name() {
        return "postmortem";
    }

    @Override
    public EventTypes<PostmortemEvent> events() {
        return EVENTS;
    }

    /** Publishing is handled apart: it decides over the postmortem's and the incident's logs together. */
    @Override
    public List<CommandModule> commands() {
        List<Class<?>> others = Arrays.stream(PostmortemCommand.class.getPermittedSubclasses())
                .filter(command -> command != PublishPostmortem.class).toList();
        return List.of(new CommandModule("postmortem-commands", others, MODEL),
                new CommandModule("postmortem-publication", List.of(PublishPostmortem.class), new PublicationModel()));
    }

    @Override
    public void wire(SliceWiring wiring) {
        wiring.provide(Postmortems.class, () -> new PostmortemService(wiring, wiring.port(IncidentQueries.class),
                wiring.port(IncidentCommands.class), wiring.port(ActionItemQueries.class),
                wiring.require(BlamelessWords.class)));
        wiring.provide(PostmortemLinks.class, () -> {
            SubjectLog log = new SubjectLog(wiring.eventStore(), wiring.unitsOfWork());
            return (tenant, id) -> log.read(criteria(tenant, id)).thenApply(messages -> messages.stream()
                    .map(message -> wiring.storedEvents().read(EVENTS, message, wiring.converter()))
                    .flatMap(Optional::stream)
                    .filter(PostmortemDrafted.class::isInstance).map(PostmortemDrafted.class::cast)
                    .map(PostmortemDrafted::incidentId).findFirst());
        });
    }
}
