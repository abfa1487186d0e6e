package org.stm4j.cm.experiment;

/** The experiment could not produce trustworthy results: a worker failed or never stopped. */
final class ExperimentFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ExperimentFailure(String message) {
        super(message);
    }

    ExperimentFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
