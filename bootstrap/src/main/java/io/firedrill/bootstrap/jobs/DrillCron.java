package io.firedrill.bootstrap.jobs;

import com.cronutils.model.Cron;
import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import io.firedrill.application.port.out.CronSchedules;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;

/** Drill schedules' cron expressions, read by cron-utils as Unix cron (five fields). */
@ApplicationScoped
public class DrillCron implements CronSchedules {

    private final CronParser parser = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));

    @Override
    public Optional<String> problem(String expression) {
        try {
            parser.parse(expression).validate();
            return Optional.empty();
        } catch (RuntimeException e) {
            return Optional.of("must be a cron expression of five fields (minute hour day-of-month month day-of-week,"
                    + " such as '0 10 * * TUE'): " + e.getMessage());
        }
    }

    @Override
    public Optional<Instant> next(String expression, ZoneId zone, Instant after) {
        Cron cron = parser.parse(expression);
        return ExecutionTime.forCron(cron).nextExecution(after.atZone(zone)).map(next -> next.toInstant());
    }

    @Override
    public Optional<Instant> previous(String expression, ZoneId zone, Instant atOrBefore) {
        // cron-utils' last execution is strictly before the instant given; cron names whole minutes at the most.
        return ExecutionTime.forCron(parser.parse(expression)).lastExecution(atOrBefore.plusSeconds(1).atZone(zone))
                .map(last -> last.toInstant());
    }
}
