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

  static Result minimize(ToDoubleFunction<double[]> objective, int dimensions) {
    double[] best = new double[dimensions];
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
      new BOBYQAOptimizer(2 * dimensions + 1, 1.0, 1e-10).optimize(new MaxEval(MAX_EVALUATIONS), function,
          GoalType.MINIMIZE, new InitialGuess(new double[dimensions]), new SimpleBounds(lower, upper));
      stopped = true;
    } catch (TooManyEvaluationsException e) {
      stopped = false;
    }
    boolean inside = Arrays.stream(best).allMatch(v -> Math.abs(v) < LOG_BOUND - 1e-6);
    return new Result(best.clone(), bestValue[0], stopped && inside && Double.isFinite(bestValue[0]),
        evaluations[0]);
  }

}
