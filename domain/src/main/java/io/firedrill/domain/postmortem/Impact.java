package io.firedrill.domain.postmortem;

/**
 * The impact section: free text for each aspect, {@code null} when not written (a blank text counts as
 * not written).
 */
public record Impact(String usersAffected, String dataLoss, String availability, String sloImpact,
                     String errorBudgetConsumed) {

    /** Nothing written. */
    public static final Impact NONE = new Impact(null, null, null, null, null);

    public Impact {
        usersAffected = Texts.orNull(usersAffected);
        dataLoss = Texts.orNull(dataLoss);
        availability = Texts.orNull(availability);
        sloImpact = Texts.orNull(sloImpact);
        errorBudgetConsumed = Texts.orNull(errorBudgetConsumed);
    }
}
