# Reference values for the bivariate binomial GLMM (Chu & Cole 2006), src/core/dta/bivariate-glmm.ts:
# - lme4::glmer(cbind(x, n - x) ~ 0 + sens + spec + (0 + sens + spec | study), binomial, nAGQ = 1)
#   on the long data (one row per study and outcome). glmer's default tolPwrss = 1e-7 leaves its
#   conditional modes inexact enough to move the Laplace log-likelihood by ~4e-4 (AuditC), so the
#   fit uses tolPwrss = 1e-10 and a tight bobyqa; the estimates then agree with the exact Laplace
#   maximum to ~1e-5.
# - The exact marginal log-likelihood at given parameters by brute-force numerical integration
#   (nested integrate() over each study's two random effects), to check the adaptive Gauss–Hermite
#   quadrature (lme4 cannot do AGQ with vector random effects).
# Run: cd /work/main && Rscript tests/reference/dta-glmm.R   (writes tests/reference/dta-glmm.json)
suppressMessages({
  library(lme4)
  library(jsonlite)
})
args <- commandArgs(trailingOnly = FALSE)
here <- dirname(normalizePath(sub("^--file=", "", args[grep("^--file=", args)])))
source(file.path(here, "dta-datasets.R"))
z <- qnorm(0.975)

long_data <- function(d) {
  k <- nrow(d)
  data.frame(study = factor(rep(seq_len(k), each = 2)), sens = rep(c(1, 0), k), spec = rep(c(0, 1), k),
             x = as.vector(rbind(d$tp, d$tn)), n = as.vector(rbind(d$tp + d$fn, d$tn + d$fp)))
}

fit_glmm <- function(d) {
  glmer(cbind(x, n - x) ~ 0 + sens + spec + (0 + sens + spec | study), data = long_data(d), family = binomial,
        nAGQ = 1, control = glmerControl(optimizer = "bobyqa", tolPwrss = 1e-10, optCtrl = list(rhoend = 1e-10, maxfun = 1e5)))
}

# log ∫∫ Bin(tp | n1, expit(muA + a u1)) Bin(tn | n0, expit(muB + b u1 + c u2)) φ(u1) φ(u2) du, per study,
# integrated on u = û + R z (û the mode, R the Cholesky factor of the inverse curvature) so the
# integrand is centred and of unit scale; infinite limits, rel.tol 1e-11.
exact_loglik <- function(d, mu, chol) {
  a <- chol[1]; b <- chol[2]; cc <- chol[3]
  total <- 0
  for (i in seq_len(nrow(d))) {
    n1 <- d$tp[i] + d$fn[i]; n0 <- d$tn[i] + d$fp[i]
    h <- function(u1, u2) dbinom(d$tp[i], n1, plogis(mu[1] + a * u1), log = TRUE) +
      dbinom(d$tn[i], n0, plogis(mu[2] + b * u1 + cc * u2), log = TRUE) + dnorm(u1, log = TRUE) + dnorm(u2, log = TRUE)
    o <- optim(c(0, 0), function(u) -h(u[1], u[2]), method = "BFGS", hessian = TRUE, control = list(reltol = 1e-14))
    R <- t(chol(solve(o$hessian)))
    h0 <- -o$value
    inner <- function(z1) sapply(z1, function(v1) integrate(function(z2) {
      u1 <- o$par[1] + R[1, 1] * v1
      u2 <- o$par[2] + R[2, 1] * v1 + R[2, 2] * z2
      exp(h(u1, u2) - h0)
    }, -Inf, Inf, rel.tol = 1e-11)$value)
    total <- total + h0 + log(integrate(inner, -Inf, Inf, rel.tol = 1e-11)$value) + log(R[1, 1] * R[2, 2])
  }
  total
}

hsroc_auc <- function(mu, tau2, cov) {
  sA <- sqrt(tau2[1]); sB <- sqrt(tau2[2])
  Lambda <- sqrt(sB / sA) * mu[1] + sqrt(sA / sB) * mu[2]
  beta <- log(sB / sA)
  integrate(function(x) plogis(Lambda * exp(-beta / 2) + exp(-beta) * qlogis(x)), 0, 1, rel.tol = 1e-12)$value
}

datasets <- list(auditc = auditc, kearon1998 = kearon1998, simulated16 = simulated16)
cases <- lapply(names(datasets), function(name) {
  d <- datasets[[name]]
  fit <- fit_glmm(d)
  mu <- as.numeric(fixef(fit))
  V <- unname(as.matrix(vcov(fit)))
  vc <- VarCorr(fit)$study
  theta <- as.numeric(getME(fit, "theta"))
  se <- sqrt(diag(V))
  list(name = name, coefficients = mu, se = se, vcov = V, tau2_sens = vc[1, 1], tau2_spec = vc[2, 2],
       covariance = vc[1, 2], rho = attr(vc, "correlation")[1, 2], theta = theta, logLik = as.numeric(logLik(fit)),
       sens = plogis(mu[1]), sens_ci = plogis(mu[1] + c(-1, 1) * z * se[1]),
       spec = plogis(mu[2]), spec_ci = plogis(mu[2] + c(-1, 1) * z * se[2]),
       auc = hsroc_auc(mu, c(vc[1, 1], vc[2, 2]), vc[1, 2]),
       exact_loglik_at_estimates = exact_loglik(d, mu, theta))
})

out <- list(
  generated_by = "tests/reference/dta-glmm.R",
  versions = list(R = R.version.string, lme4 = as.character(packageVersion("lme4"))),
  datasets = datasets, cases = cases)
writeLines(toJSON(out, auto_unbox = TRUE, digits = NA, pretty = FALSE), file.path(here, "dta-glmm.json"))
cat("wrote", file.path(here, "dta-glmm.json"), "\n")
