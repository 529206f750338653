package com.clientele.clv;

import java.util.Arrays;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import org.apache.commons.math3.exception.MathIllegalStateException;
import org.apache.commons.math3.exception.TooManyEvaluationsException;
import org.apache.commons.math3.fitting.leastsquares.LeastSquaresBuilder;
import org.apache.commons.math3.fitting.leastsquares.LeastSquaresOptimizer;
import org.apache.commons.math3.fitting.leastsquares.LeastSquaresProblem;
import org.apache.commons.math3.fitting.leastsquares.LevenbergMarquardtOptimizer;
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
 * reference comparison asks for. Beyond {@link #WARM_START_GROUPS} groups the search runs on a sample
 * and the full-data optimum is then found from the likelihood equations with the models' analytic
 * gradients ({@link #minimize(ToDoubleFunction, Function, ToDoubleFunction, int)}).
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

  /** Groups beyond which a fit first searches on a sample of them ({@link #minimize(ToDoubleFunction, Function, ToDoubleFunction, int)}). */
  static final int WARM_START_GROUPS = 20_000;

  /** The search from every log-parameter 0 (parameters 1) with an initial trust region of 1. */
  static Result minimize(ToDoubleFunction<double[]> objective, int dimensions) {
    return minimize(objective, new double[dimensions], 1.0);
  }

  /**
   * A two-stage search for large inputs. First BOBYQA on {@code sample} (the same objective over an
   * evenly spaced subset of the groups, cheap) from the usual start. Then, on all the groups, from the
   * sample's optimum: the likelihood equations — the objective's gradient equal to zero — solved by
   * commons-math3's Levenberg–Marquardt least-squares solver with the analytic {@code gradient} as
   * the residuals and its forward differences as their Jacobian (the objective's Hessian). Near the
   * answer this is Newton's method on the score equations: a handful of passes over the groups instead
   * of the hundred-odd evaluations a derivative-free search needs to close in from there, and the
   * stationary point is located to the gradient's own precision (finer than a search on the values,
   * whose rounding makes a flat optimum flatter). The solution is accepted when it lies inside the
   * bounds with a finite objective no larger than at the sample's optimum (so the solver went downhill
   * to the minimum, not to another stationary point); otherwise, or when the solver does not converge,
   * BOBYQA finishes the search on the full objective from the sample's optimum with a trust region of
   * 0.1. The evaluations reported are the passes over all the groups (gradients, their differences and
   * the objective values).
   */
  static Result minimize(ToDoubleFunction<double[]> objective, Function<double[], double[]> gradient,
      ToDoubleFunction<double[]> sample, int dimensions) {
    if (sample == null) {
      return minimize(objective, dimensions);
    }
    Result start = minimize(sample, new double[dimensions], 1.0);
    if (!start.converged()) {
      return minimize(objective, dimensions);
    }
    int[] passes = {0};
    Result solved = solveLikelihoodEquations(objective, gradient, start.logParams(), passes);
    if (solved != null) {
      return solved;
    }
    Result searched = minimize(objective, start.logParams(), 0.1);
    return new Result(searched.logParams(), searched.objective(), searched.converged(),
        searched.evaluations() + passes[0]);
  }

  /** Forward-difference step of the Jacobian of the gradient, in log-parameter units. */
  static final double DIFFERENCE_STEP = 1e-7;

  /**
   * The zero of the gradient near {@code start} ({@link #minimize(ToDoubleFunction, Function,
   * ToDoubleFunction, int)}), or null when it is not a usable minimum. {@code passes} counts the
   * evaluations over all the groups.
   */
  private static Result solveLikelihoodEquations(ToDoubleFunction<double[]> objective,
      Function<double[], double[]> gradient, double[] start, int[] passes) {
    int dimensions = start.length;
    double[][] last = {null, null}; // the last point whose gradient was taken, and that gradient
    Function<double[], double[]> gradientAt = point -> {
      if (last[0] == null || !Arrays.equals(last[0], point)) {
        passes[0]++;
        last[0] = point.clone();
        last[1] = gradient.apply(point);
      }
      return last[1].clone();
    };
    LeastSquaresProblem problem = new LeastSquaresBuilder()
        .start(start)
        .target(new double[dimensions])
        .model(gradientAt::apply, point -> {
          double[] at = gradientAt.apply(point);
          double[][] jacobian = new double[dimensions][dimensions];
          for (int j = 0; j < dimensions; j++) {
            double[] moved = point.clone();
            moved[j] += DIFFERENCE_STEP;
            passes[0]++;
            double[] there = gradient.apply(moved);
            for (int i = 0; i < dimensions; i++) {
              jacobian[i][j] = (there[i] - at[i]) / DIFFERENCE_STEP;
            }
          }
          return jacobian;
        })
        .lazyEvaluation(true)
        .maxEvaluations(200)
        .maxIterations(100)
        .build();
    try {
      LeastSquaresOptimizer.Optimum optimum = new LevenbergMarquardtOptimizer().optimize(problem);
      double[] point = optimum.getPoint().toArray();
      passes[0] += 2;
      double atStart = objective.applyAsDouble(start);
      double atEnd = objective.applyAsDouble(point);
      boolean inside = Arrays.stream(point).allMatch(v -> Math.abs(v) < LOG_BOUND - 1e-6);
      if (!inside || !Double.isFinite(atEnd) || !(atEnd <= atStart)) {
        return null;
      }
      return new Result(point, atEnd, true, passes[0]);
    } catch (MathIllegalStateException | IllegalArgumentException | ArithmeticException e) {
      return null; // no convergence, or a point outside where the model is defined
    }
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
