package io.firedrill.application.postmortem;

import static io.firedrill.application.testing.Incidents.acknowledged;
import static io.firedrill.application.testing.Incidents.declared;
import static io.firedrill.application.testing.Incidents.t;
import static org.assertj.core.api.Assertions.assertThat;

import io.firedrill.domain.incident.Incident;
import io.firedrill.domain.incident.IncidentDecider;
import io.firedrill.domain.postmortem.Postmortem;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a publication's state weighs in the command state cache: it holds the incident too. */
class PublicationModelTest {

    @Test
    void aPublicationWeighsThePostmortemsEventsAndTheIncidents() {
        Incident incident = IncidentDecider.fold(List.of(declared(), acknowledged(t(2))));
        PublicationModel model = new PublicationModel();

        PublicationModel.Publication publication = new PublicationModel.Publication(Postmortem.EMPTY, incident);

        assertThat(model.version(publication)).as("its version is the postmortem's").isEqualTo(Postmortem.EMPTY.version());
        assertThat(model.weight(publication)).isEqualTo(Postmortem.EMPTY.version() + 2);
    }
}
