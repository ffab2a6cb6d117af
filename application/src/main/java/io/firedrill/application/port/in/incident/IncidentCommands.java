package io.firedrill.application.port.in.incident;

import io.firedrill.application.port.in.CommandContext;
import io.firedrill.application.port.in.CommandOutcome;
import io.firedrill.domain.incident.Incident;
import io.firedrill.domain.incident.IncidentCommand.CloseAsDuplicate;
import io.firedrill.domain.incident.IncidentCommand.DeclareIncident;
import io.firedrill.domain.incident.IncidentCommand;
import java.util.concurrent.CompletableFuture;

/**
 * The incident commands. A command that loses a race for its incident is decided again on the fresh state.
 * Nothing here blocks: results are futures; a broken rule fails them with the concept's rule violation.
 */
public interface IncidentCommands {

    /**
     * Declares an incident under the next number of its tenant and year (the year of the declaration in UTC);
     * the number in {@code draft} is replaced.
     */
    CompletableFuture<CommandOutcome<Incident>> declare(DeclareIncident draft, CommandContext context);

    /**
     * Closes an incident as a duplicate. The original must be an incident of the same tenant, else the future
     * fails with an {@link IllegalArgumentException} about {@code incidentId} and nothing is recorded (a log never
     * refers to nothing), whoever sends the command.
     */
    CompletableFuture<CommandOutcome<Incident>> closeAsDuplicate(CloseAsDuplicate command, CommandContext context);

    /** Sends any other incident command. */
    CompletableFuture<CommandOutcome<Incident>> send(IncidentCommand command, CommandContext context);
}
