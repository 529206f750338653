package com.clientele.clv;

/**
 * A fitted model: its parameters and how the fit went.
 *
 * @param params the maximum-likelihood parameters
 * @param logLikelihood the total log-likelihood at them (summed over customers, in the data's own units)
 * @param converged whether the optimiser stopped by its own rule inside the parameter bounds
 * @param evaluations likelihood evaluations used
 * @param customers customers the fit used
 */
public record ModelFit<P>(P params, double logLikelihood, boolean converged, int evaluations, long customers)
    implements java.io.Serializable {}
