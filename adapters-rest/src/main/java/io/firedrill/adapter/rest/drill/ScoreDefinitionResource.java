package io.firedrill.adapter.rest.drill;

import io.firedrill.domain.drill.Objective;
import io.firedrill.domain.drill.ScoreDefinition;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The published versions of the drill score definition (docs/drills.md, Scoring). */
@Path("/api/v1/drills/score-definitions")
@Produces(MediaType.APPLICATION_JSON)
public class ScoreDefinitionResource {

    /**
     * One version.
     *
     * @param points what each objective is worth
     * @param zeroAtTargets a time objective earns nothing at this many times its target
     * @param mandatory the objectives a run must meet to pass, when its plan sets them
     * @param passMark the total a run needs to pass
     * @param latest whether new runs are scored under it
     */
    public record Definition(int version, Map<Objective.Kind, Integer> points, double zeroAtTargets,
                             Set<Objective.Kind> mandatory, double passMark, String description, boolean latest) {
    }

    @GET
    public List<Definition> definitions() {
        return ScoreDefinition.ALL.stream().map(d -> new Definition(d.version(), d.points(), d.zeroAtTargets(),
                d.mandatory(), d.passMark(), d.description(), d == ScoreDefinition.latest())).toList();
    }
}
