package com.clientele.clv;

import java.util.Arrays;
import java.util.function.ToDoubleFunction;
import org.apache.commons.math3.exception.TooManyEvaluationsException;
import org.apache.commons.math3.optim.InitialGuess;
import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.SimpleBounds;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.nonlinear.scalar.ObjectiveFunction;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.BOBYQAOptimizer;

/**
 * Maximum-likelihood fitting shared by the models: the negative mean log-likelihood is minimised over
 * the logarithms of the (positive) parameters with commons-math3's BOBYQA (Powell's bound-constrained
 * derivative-free trust-region method; the models' likelihoods are smooth, and a handful of
 * parameters needs no gradient). Starting point: every parameter 1 (as the lifetimes package);
 * bounds: each parameter between e⁻²⁵ and e²⁵; the search stops when the trust region has shrunk to
 * 10⁻¹⁰ in log space, so parameters are located to far better than the 10⁻³ relative agreement the
 * reference comparison asks for.
 */
final class MaximumLikelihood {

  private MaximumLikelihood() {}

  static final double LOG_BOUND = 25;
  static final int MAX_EVALUATIONS = 20_000;

  /**
   * The outcome of a minimisation.
   *
   * @param logParams the best point found (logarithms of the parameters)
   * @param objective the objective there
   * @param converged whether the search ended by its own stopping rule, inside the bounds, at a finite
   *     value (not by running out of evaluations or at a bound)
   * @param evaluations objective evaluations used
   */
  record Result(double[] logParams, double objective, boolean converged, int evaluations) {}

  /** Groups beyond which a fit first searches on a sample of them ({@link #minimize(ToDoubleFunction, ToDoubleFunction, int)}). */
  static final int WARM_START_GROUPS = 20_000;

  /** The search from every log-parameter 0 (parameters 1) with an initial trust region of 1. */
  static Result minimize(ToDoubleFunction<double[]> objective, int dimensions) {
    return minimize(objective, new double[dimensions], 1.0);
  }

  /**
   * A two-stage search for large inputs: first on {@code sample} (the same objective over an evenly
   * spaced subset of the groups, cheap) from the usual start, then on the full objective from the
   * sample's optimum with a trust region of 0.1 — near the answer, so the expensive stage needs a few
   * dozen evaluations instead of hundreds. It ends by the full objective's own stopping rule, so the
   * sample only decides where the search starts, not where it ends. The evaluations reported are the
   * full objective's.
   */
  static Result minimize(ToDoubleFunction<double[]> objective, ToDoubleFunction<double[]> sample, int dimensions) {
    if (sample == null) {
      return minimize(objective, dimensions);
    }
    Result start = minimize(sample, new double[dimensions], 1.0);
    if (!start.converged()) {
      return minimize(objective, dimensions);
    }
    return minimize(objective, start.logParams(), 0.1);
  }

  private static Result minimize(ToDoubleFunction<double[]> objective, double[] initial, double initialRadius) {
    int dimensions = initial.length;
    double[] best = initial.clone();
    double[] bestValue = {Double.POSITIVE_INFINITY};
    int[] evaluations = {0};
    ObjectiveFunction function = new ObjectiveFunction(point -> {
      evaluations[0]++;
      double value = objective.applyAsDouble(point);
      if (!Double.isFinite(value)) {
        return 1e100; // outside where the likelihood can be evaluated: steer the search away
      }
      if (value < bestValue[0]) {
        bestValue[0] = value;
        System.arraycopy(point, 0, best, 0, dimensions);
      }
      return value;
    });
    double[] lower = new double[dimensions];
    double[] upper = new double[dimensions];
    Arrays.fill(lower, -LOG_BOUND);
    Arrays.fill(upper, LOG_BOUND);
    boolean stopped;
    try {
      new BOBYQAOptimizer(2 * dimensions + 1, initialRadius, 1e-10).optimize(new MaxEval(MAX_EVALUATIONS), function,
          GoalType.MINIMIZE, new InitialGuess(initial), new SimpleBounds(lower, upper));
      stopped = true;
    } catch (TooManyEvaluationsException e) {
      stopped = false;
    }
    boolean inside = Arrays.stream(best).allMatch(v -> Math.abs(v) < LOG_BOUND - 1e-6);
    return new Result(best.clone(), bestValue[0], stopped && inside && Double.isFinite(bestValue[0]),
        evaluations[0]);
  }

}
