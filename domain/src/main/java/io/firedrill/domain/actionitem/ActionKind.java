package io.firedrill.domain.actionitem;

/** Whether an action corrects what happened or prevents it from happening again. */
public enum ActionKind { CORRECTIVE, PREVENTIVE }
