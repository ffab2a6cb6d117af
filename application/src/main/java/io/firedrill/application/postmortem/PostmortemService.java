package io.firedrill.application.postmortem;

import io.firedrill.application.command.CommandSender;
import io.firedrill.application.port.in.CommandContext;
import io.firedrill.application.port.in.CommandMetadata;
import io.firedrill.application.port.in.CommandOutcome;
import io.firedrill.application.port.in.Failures;
import io.firedrill.application.port.in.actionitem.ActionItemNotFound;
import io.firedrill.application.port.in.actionitem.ActionItemQueries;
import io.firedrill.application.port.in.incident.IncidentCommands;
import io.firedrill.application.port.in.incident.IncidentQueries;
import io.firedrill.application.port.in.incident.RecordedIncidentEvent;
import io.firedrill.application.port.in.postmortem.PostmortemNotFound;
import io.firedrill.application.port.in.postmortem.Postmortems;
import io.firedrill.application.slice.SliceWiring;
import io.firedrill.application.slice.StoredEvents;
import io.firedrill.application.slice.SubjectLog;
import io.firedrill.domain.actionitem.ActionItemId;
import io.firedrill.domain.incident.Incident;
import io.firedrill.domain.incident.IncidentCommand.MarkReviewed;
import io.firedrill.domain.incident.IncidentDecider;
import io.firedrill.domain.incident.IncidentId;
import io.firedrill.domain.incident.IncidentRuleViolation;
import io.firedrill.domain.postmortem.BlamelessWords;
import io.firedrill.domain.postmortem.PlannedAction;
import io.firedrill.domain.postmortem.Postmortem;
import io.firedrill.domain.postmortem.PostmortemCommand;
import io.firedrill.domain.postmortem.PostmortemDecider;
import io.firedrill.domain.postmortem.PostmortemEvent;
import io.firedrill.domain.postmortem.PostmortemId;
import io.firedrill.domain.postmortem.PostmortemStatus;
import io.firedrill.domain.postmortem.Prefill;
import io.firedrill.domain.postmortem.SectionsPatch;
import io.firedrill.domain.postmortem.SourcedFact;
import io.firedrill.domain.postmortem.Staleness;
import io.firedrill.domain.postmortem.Why;
import io.firedrill.domain.shared.Actor;
import io.firedrill.domain.shared.TenantId;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.axonframework.conversion.Converter;

/**
 * The postmortem use cases. A postmortem belongs to one incident (its id is derived from the incident's)
 * and is pre-filled from the incident's stored events; edits, reviews and publishing are commands, so its
 * own history replays like an incident's. Publishing also marks the incident reviewed (in the same
 * transaction), the only way there.
 * Nothing here blocks: results are futures.
 */
public final class PostmortemService implements Postmortems {

    private final CommandSender sender;
    private final IncidentQueries incidents;
    private final IncidentCommands incidentCommands;
    private final ActionItemQueries actionItems;
    private final SubjectLog log;
    private final StoredEvents storedEvents;
    private final Converter converter;
    private final BlamelessWords words;

    public PostmortemService(SliceWiring wiring, IncidentQueries incidents, IncidentCommands incidentCommands,
                       ActionItemQueries actionItems, BlamelessWords words) {
        this.sender = new CommandSender(wiring.commandGateway(), "postmortem");
        this.incidents = incidents;
        this.incidentCommands = incidentCommands;
        this.actionItems = actionItems;
        this.log = new SubjectLog(wiring.eventStore(), wiring.unitsOfWork());
        this.storedEvents = wiring.storedEvents();
        this.converter = wiring.converter();
        this.words = Objects.requireNonNull(words, "words");
    }

    @Override
    public CompletableFuture<View> get(TenantId tenant, IncidentId incidentId) {
        return incidents.history(tenant, incidentId).thenCompose(log -> history(tenant, incidentId).thenApply(history -> {
            Postmortem postmortem = PostmortemDecider.fold(history.stream().map(Recorded::event).toList());
            return new View(postmortem, Staleness.staleStatements(postmortem, facts(log)),
                    IncidentDecider.fold(RecordedIncidentEvent.facts(log)));
        }));
    }

    @Override
    public CompletableFuture<View> asOf(TenantId tenant, IncidentId incidentId, Instant at) {
        return incidents.history(tenant, incidentId).thenCompose(log -> history(tenant, incidentId).thenApply(history -> {
            List<PostmortemEvent> known = history.stream().map(Recorded::event)
                    .filter(event -> !event.occurredAt().isAfter(at)).toList();
            if (known.isEmpty()) {
                throw new PostmortemNotFound("The postmortem of incident " + incidentId + " was not drafted yet at " + at
                        + ": it was drafted at " + history.getFirst().event().occurredAt() + ".");
            }
            List<RecordedIncidentEvent> incidentLog = log.stream()
                    .filter(recorded -> !recorded.event().recordedAt().isAfter(at)).toList();
            Postmortem postmortem = PostmortemDecider.fold(known);
            return new View(postmortem, Staleness.staleStatements(postmortem, facts(incidentLog)),
                    IncidentDecider.fold(RecordedIncidentEvent.facts(incidentLog)));
        }));
    }

    @Override
    public CompletableFuture<List<Recorded>> history(TenantId tenant, IncidentId incidentId) {
        PostmortemId id = PostmortemId.forIncident(incidentId);
        return log.read(PostmortemSlice.criteria(tenant, id)).thenApply(messages -> {
            if (messages.isEmpty()) {
                throw new PostmortemNotFound("Incident " + incidentId + " has no postmortem yet: draft it with POST "
                        + "/api/v1/incidents/" + incidentId + "/postmortem once the incident is recovered.");
            }
            return messages.stream().map(message -> new Recorded(message.identifier(),
                    storedEvents.storedTypeOf(message.type()).orElseThrow().name(),
                    storedEvents.read(PostmortemSlice.EVENTS, message, converter).orElseThrow(() -> new IllegalStateException(
                            "unexpected event type " + message.type() + " in the log of postmortem " + id)),
                    message.metadata().get(CommandMetadata.SOURCE),
                    new String(converter.convert(message.payload(), byte[].class), StandardCharsets.UTF_8))).toList();
        });
    }

    @Override
    public CompletableFuture<CommandOutcome<Postmortem>> draft(CommandContext context, IncidentId incidentId) {
        return incidents.history(context.tenant(), incidentId).thenCompose(log -> {
            Incident incident = IncidentDecider.fold(RecordedIncidentEvent.facts(log));
            return send(new PostmortemCommand.DraftPostmortem(PostmortemId.forIncident(incidentId), context.actor(),
                    incidentId, incident.status(), Prefill.from(facts(log))), context);
        });
    }

    @Override
    public CompletableFuture<CommandOutcome<Postmortem>> refresh(CommandContext context, IncidentId incidentId) {
        return incidents.history(context.tenant(), incidentId).thenCompose(log -> send(new PostmortemCommand.RefreshPrefill(
                PostmortemId.forIncident(incidentId), context.actor(), Prefill.from(facts(log))), context));
    }

    @Override
    public CompletableFuture<CommandOutcome<Postmortem>> edit(CommandContext context, IncidentId incidentId,
                                                              SectionsPatch patch) {
        PostmortemCommand.EditPostmortem command = new PostmortemCommand.EditPostmortem(
                PostmortemId.forIncident(incidentId), context.actor(), patch);
        return incidents.history(context.tenant(), incidentId)
                .thenCompose(log -> {
                    checkEvidence(patch, log);
                    return checkActionItems(context.tenant(), incidentId, patch.actions());
                })
                .thenCompose(ignored -> send(command, context));
    }

    @Override
    public CompletableFuture<CommandOutcome<Postmortem>> submit(CommandContext context, IncidentId incidentId) {
        return send(new PostmortemCommand.SubmitForReview(PostmortemId.forIncident(incidentId), context.actor(), words),
                context);
    }

    @Override
    public CompletableFuture<CommandOutcome<Postmortem>> approve(CommandContext context, IncidentId incidentId,
                                                                 String comment) {
        return send(new PostmortemCommand.ApprovePostmortem(PostmortemId.forIncident(incidentId), context.actor(),
                comment), context);
    }

    @Override
    public CompletableFuture<CommandOutcome<Postmortem>> requestChanges(CommandContext context, IncidentId incidentId,
                                                                        String comment) {
        return send(new PostmortemCommand.RequestChanges(PostmortemId.forIncident(incidentId), context.actor(),
                comment), context);
    }

    @Override
    public CompletableFuture<CommandOutcome<Postmortem>> publish(CommandContext context, IncidentId incidentId) {
        return sender.<PublicationModel.Publication>send(new PostmortemCommand.PublishPostmortem(
                        PostmortemId.forIncident(incidentId), incidentId, context.actor()), context)
                .thenApply(outcome -> new CommandOutcome<>(outcome.state().postmortem(), outcome.appended()));
    }

    @Override
    public CompletableFuture<CommandOutcome<Incident>> markIncidentReviewed(CommandContext context, IncidentId incidentId) {
        PostmortemId id = PostmortemId.forIncident(incidentId);
        return get(context.tenant(), incidentId)
                .handle((view, failure) -> {
                    if (failure != null && !(Failures.unwrap(failure) instanceof PostmortemNotFound)) {
                        throw new CompletionException(Failures.unwrap(failure));
                    }
                    if (view == null || view.postmortem().status() != PostmortemStatus.PUBLISHED) {
                        throw IncidentRuleViolation.reviewRequiresPublishedPostmortem(incidentId, id.toString());
                    }
                    return view;
                })
                .thenCompose(view -> markReviewed(context, incidentId, id, context.actor()));
    }

    private CompletableFuture<CommandOutcome<Incident>> markReviewed(CommandContext context, IncidentId incidentId,
                                                             PostmortemId postmortem, Actor by) {
        CommandContext unconditional = new CommandContext(context.tenant(), context.actor(), context.source(), null,
                context.idempotencyKey(), context.requestHash());
        return incidentCommands.send(new MarkReviewed(incidentId, by, postmortem.toString(), null), unconditional);
    }

    private CompletableFuture<CommandOutcome<Postmortem>> send(PostmortemCommand command, CommandContext context) {
        return sender.send(command, context);
    }

    private static List<SourcedFact> facts(List<RecordedIncidentEvent> log) {
        return log.stream().map(recorded -> new SourcedFact(recorded.eventId(), recorded.event())).toList();
    }

    private static void checkEvidence(SectionsPatch patch, List<RecordedIncidentEvent> log) {
        Set<String> known = new HashSet<>();
        log.forEach(recorded -> known.add(recorded.eventId()));
        if (patch.directCause() != null) {
            check(patch.directCause().evidence(), "directCause.evidence", known);
        }
        if (patch.fiveWhys() != null) {
            List<Why> whys = patch.fiveWhys();
            for (int i = 0; i < whys.size(); i++) {
                check(whys.get(i).evidence(), "fiveWhys[" + i + "].evidence", known);
            }
        }
    }

    private static void check(List<String> evidence, String field, Set<String> known) {
        for (int i = 0; i < evidence.size(); i++) {
            if (!known.contains(evidence.get(i))) {
                throw new IllegalArgumentException(field + "[" + i + "] names no fact of this incident: " + evidence.get(i));
            }
        }
    }

    /** Linked action items must be the tenant's, and not another incident's. */
    private CompletableFuture<Void> checkActionItems(TenantId tenant, IncidentId incident, List<PlannedAction> actions) {
        CompletableFuture<Void> chain = CompletableFuture.completedFuture(null);
        if (actions == null) {
            return chain;
        }
        List<CompletableFuture<Void>> checks = new ArrayList<>();
        for (int i = 0; i < actions.size(); i++) {
            String linked = actions.get(i).actionItemId();
            if (linked == null) {
                continue;
            }
            String field = "actions[" + i + "].actionItemId";
            checks.add(actionItems.item(tenant, ActionItemId.parse(linked)).handle((item, failure) -> {
                if (failure != null && Failures.unwrap(failure) instanceof ActionItemNotFound) {
                    throw new IllegalArgumentException(field + " names no action item of this tenant: " + linked);
                }
                if (failure != null) {
                    throw new CompletionException(Failures.unwrap(failure));
                }
                IncidentId linkedIncident = item.incidentId();
                if (linkedIncident != null && !linkedIncident.equals(incident)) {
                    throw new IllegalArgumentException(field + " is an action item of incident " + linkedIncident
                            + ", not of this one: " + linked);
                }
                return null;
            }));
        }
        return CompletableFuture.allOf(checks.toArray(CompletableFuture[]::new));
    }
}
