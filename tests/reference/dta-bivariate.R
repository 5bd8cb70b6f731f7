# Reference values for the bivariate normal (Reitsma) model and the summaries built on it:
# src/core/dta/{bivariate-normal,summary-point,hsroc,deeks-test,study-accuracy,univariate-pooling,
# bivariate-regression}.ts. The Reitsma model is metafor::rma.mv on the stacked logit data with
# block-diagonal V and struct = "UN" (mada is not installed; mada::reitsma fits the same model).
# Run: cd /work/main && Rscript tests/reference/dta-bivariate.R   (writes tests/reference/dta-bivariate.json)
suppressMessages({
  library(metafor)
  library(jsonlite)
})
args <- commandArgs(trailingOnly = FALSE)
here <- dirname(normalizePath(sub("^--file=", "", args[grep("^--file=", args)])))
source(file.path(here, "dta-datasets.R"))

# Where the likelihood is flat (e.g. in rho) one optimiser stops earlier than another: fit with two,
# both with tight tolerances, and keep the higher log-likelihood.
optimisers <- list(
  list(optimizer = "nlminb", optCtrl = list(rel.tol = 1e-14, x.tol = 1e-12, eval.max = 1e4, iter.max = 1e4)),
  list(optimizer = "bobyqa", optCtrl = list(rhoend = 1e-12, maxfun = 1e5)))
level <- 0.95
z <- qnorm(1 - (1 - level) / 2)

stack_logits <- function(d) {
  k <- nrow(d)
  data.frame(study = rep(seq_len(k), each = 2), outcome = rep(c("sens", "spec"), k),
             yi = as.vector(rbind(log(d$tp / d$fn), log(d$tn / d$fp))),
             vi = as.vector(rbind(1 / d$tp + 1 / d$fn, 1 / d$tn + 1 / d$fp)))
}

fit_reitsma <- function(d, method, mods = ~ factor(outcome) - 1, extra = NULL) {
  s <- stack_logits(d)
  if (!is.null(extra)) s$cov <- rep(extra, each = 2)
  fits <- lapply(optimisers, function(control)
    rma.mv(yi, diag(vi), mods = mods, random = ~ factor(outcome) | study, struct = "UN", data = s,
           method = method, control = control))
  fits[[which.max(sapply(fits, logLik))]]
}

# Harbord et al. (2007) with spec, as methods.md writes them.
hsroc <- function(mu, tau2, cov) {
  sA <- sqrt(tau2[1]); sB <- sqrt(tau2[2])
  list(Lambda = sqrt(sB / sA) * mu[1] + sqrt(sA / sB) * mu[2],
       Theta = 0.5 * (sqrt(sB / sA) * mu[1] - sqrt(sA / sB) * mu[2]),
       beta = log(sB / sA), sigma2_alpha = 2 * (sA * sB + cov), sigma2_theta = 0.5 * (sA * sB - cov))
}
sroc_area <- function(h, from = 0, to = 1) {
  f <- function(x) plogis(h$Lambda * exp(-h$beta / 2) + exp(-h$beta) * qlogis(x))
  integrate(f, from, to, rel.tol = 1e-12, abs.tol = 0, subdivisions = 1000)$value
}

# Delta method on the log scale from the covariance of (mu_A, mu_B).
ratios <- function(mu, V) {
  sens <- plogis(mu[1]); spec <- plogis(mu[2])
  one <- function(est, g) {
    se <- sqrt(drop(t(g) %*% V %*% g))
    list(value = exp(est), ci = exp(est + c(-1, 1) * z * se))
  }
  list(dor = one(sum(mu), c(1, 1)),
       lr_pos = one(log(sens) - log(1 - spec), c(1 - sens, spec)),
       lr_neg = one(log(1 - sens) - log(spec), c(-sens, -(1 - spec))))
}

deeks <- function(raw, value, scope) {
  d <- correct_counts(raw, value, scope)
  if (any(d$tp == 0 | d$fp == 0 | d$fn == 0 | d$tn == 0)) d <- correct_counts(raw, ifelse(value > 0, value, 0.5), "study")
  ess <- 4 * (raw$tp + raw$fn) * (raw$fp + raw$tn) / (raw$tp + raw$fn + raw$fp + raw$tn)
  lndor <- log(d$tp * d$tn / (d$fp * d$fn))
  m <- summary(lm(lndor ~ I(1 / sqrt(ess)), weights = ess))
  co <- coef(m)
  list(intercept = co[1, 1], slope = co[2, 1], se = co[2, 2], t = co[2, 3], df = m$df[2], p = co[2, 4])
}

wilson <- function(x, n) as.numeric(prop.test(x, n, correct = FALSE, conf.level = level)$conf.int)

univariate <- function(d) {
  out <- list()
  for (m in c("DL", "REML", "ML", "PM", "HE", "SJ")) {
    one <- function(yi, vi) {
      f <- rma(yi, vi, method = m)
      list(logit = as.numeric(f$b), se = f$se, tau2 = f$tau2, ci = plogis(c(f$ci.lb, f$ci.ub)), I2 = f$I2, Q = f$QE)
    }
    out[[m]] <- list(sens = one(log(d$tp / d$fn), 1 / d$tp + 1 / d$fn), spec = one(log(d$tn / d$fp), 1 / d$tn + 1 / d$fp))
  }
  out
}

summarise_fit <- function(fit) {
  mu <- as.numeric(coef(fit))
  V <- unname(vcov(fit))
  list(coefficients = mu, se = as.numeric(fit$se), vcov = V, tau2_sens = fit$tau2[1], tau2_spec = fit$tau2[2],
       rho = fit$rho, logLik = as.numeric(logLik(fit)))
}

cases <- list(
  list(name = "kearon1998 all REML", data = "kearon1998", value = 0.5, scope = "all", method = "REML"),
  list(name = "kearon1998 all ML", data = "kearon1998", value = 0.5, scope = "all", method = "ML"),
  list(name = "kearon1998 study REML", data = "kearon1998", value = 0.5, scope = "study", method = "REML"),
  list(name = "kearon1998 proportion REML", data = "kearon1998", value = 0.5, scope = "proportion", method = "REML"),
  list(name = "auditc all REML", data = "auditc", value = 0.5, scope = "all", method = "REML"),
  list(name = "auditc all ML", data = "auditc", value = 0.5, scope = "all", method = "ML"),
  list(name = "simulated16 all REML", data = "simulated16", value = 0.5, scope = "all", method = "REML"),
  list(name = "simulated16 study ML", data = "simulated16", value = 0.5, scope = "study", method = "ML"),
  list(name = "zeros8 proportion REML", data = "zeros8", value = 0.5, scope = "proportion", method = "REML"),
  list(name = "zeros8 study 0.25 REML", data = "zeros8", value = 0.25, scope = "study", method = "REML"),
  list(name = "zeros8 none REML", data = "zeros8", value = 0.5, scope = "none", method = "REML"))

datasets <- list(kearon1998 = kearon1998, auditc = auditc, simulated16 = simulated16, zeros8 = zeros8)

results <- lapply(cases, function(cs) {
  raw <- datasets[[cs$data]]
  corrected <- correct_counts(raw, cs$value, cs$scope)
  keep <- with(corrected, tp > 0 & fp > 0 & fn > 0 & tn > 0)
  d <- corrected[keep, ]
  fit <- fit_reitsma(d, cs$method)
  s <- summarise_fit(fit)
  mu <- s$coefficients
  h <- hsroc(mu, c(s$tau2_sens, s$tau2_spec), s$rho * sqrt(s$tau2_sens * s$tau2_spec))
  fpr <- with(raw[keep, ], fp / (fp + tn))  # observed FPRs of the studies in the fit
  r <- ratios(mu, s$vcov)
  out <- c(cs, s, list(
    corrected = raw$id[corrected$corrected], excluded = raw$id[!keep],
    sens = plogis(mu[1]), sens_ci = plogis(mu[1] + c(-1, 1) * z * s$se[1]),
    spec = plogis(mu[2]), spec_ci = plogis(mu[2] + c(-1, 1) * z * s$se[2]),
    dor = r$dor$value, dor_ci = r$dor$ci, lr_pos = r$lr_pos$value, lr_pos_ci = r$lr_pos$ci,
    lr_neg = r$lr_neg$value, lr_neg_ci = r$lr_neg$ci,
    hsroc = h, auc = sroc_area(h), pauc = sroc_area(h, min(fpr), max(fpr)),
    pauc_fpr_range = range(fpr), region_critical_value = sqrt(qchisq(level, 2)),
    deeks = deeks(raw, cs$value, cs$scope),
    studies = lapply(seq_len(nrow(raw)), function(i) list(
      id = raw$id[i], sens_ci = wilson(raw$tp[i], raw$tp[i] + raw$fn[i]), spec_ci = wilson(raw$tn[i], raw$tn[i] + raw$fp[i]))),
    univariate = univariate(d)))
  out
})

# Meta-regression (mada: reitsma(formula = cbind(tsens, tfpr) ~ covariate)) and subgroups.
regression <- function(name, raw, value, scope, method, categorical) {
  d <- correct_counts(raw, value, scope)
  cov <- if (categorical) factor(d$covariate, levels = sort(unique(d$covariate))) else d$covariate
  fit <- fit_reitsma(d, method, mods = ~ factor(outcome) + factor(outcome):cov - 1, extra = cov)
  s <- summarise_fit(fit)
  qm <- anova(fit, btt = 3:length(coef(fit)))
  out <- c(list(name = name, value = value, scope = scope, method = method, categorical = categorical,
                names = rownames(fit$beta), zval = as.numeric(fit$zval), pval = as.numeric(fit$pval),
                QM = qm$QM, QM_df = qm$QMdf[1], QM_p = qm$QMp), s)
  if (categorical) {
    out$subgroups <- lapply(levels(cov), function(l) {
      g <- fit_reitsma(correct_counts(raw[raw$covariate == l, ], value, scope), method)
      c(list(level = l), summarise_fit(g))
    })
  }
  out
}
regressions <- list(
  regression("kearon1998 patients REML", kearon1998, 0.5, "all", "REML", TRUE),
  regression("kearon1998 patients ML", kearon1998, 0.5, "all", "ML", TRUE),
  regression("simulated16 age REML", simulated16, 0.5, "all", "REML", FALSE))

out <- list(
  generated_by = "tests/reference/dta-bivariate.R",
  versions = list(R = R.version.string, metafor = as.character(packageVersion("metafor"))),
  datasets = datasets, cases = results, regressions = regressions)
writeLines(toJSON(out, auto_unbox = TRUE, digits = NA, pretty = FALSE), file.path(here, "dta-bivariate.json"))
cat("wrote", file.path(here, "dta-bivariate.json"), "\n")
