# Shared helpers of the univariate reference scripts (run from the repository root, e.g.
#   cd /work/main && Rscript tests/reference/univariate-models.R).
# Each case is a `ferrite analyze` specification ("spec") and the values metafor 3.8 gives for
# it ("expected"), named as the analyze output names them. R only computes; nothing is typed in.
suppressPackageStartupMessages({
  library(metafor)
  library(jsonlite)
})

`%||%` <- function(a, b) if (is.null(a)) b else a

write_reference <- function(x, name) {
  path <- file.path("tests", "reference", paste0(name, ".json"))
  writeLines(toJSON(x, auto_unbox = TRUE, digits = NA, na = "null", null = "null"), path)
  cat("wrote", path, "\n")
}

# Studies for a spec: id plus the given fields, leaving out NA values (missing fields).
make_studies <- function(df, fields, extra = character(0), mods = character(0), group = NULL) {
  lapply(seq_len(nrow(df)), function(i) {
    s <- list(id = as.character(df$id[i]))
    for (f in c(fields, extra)) {
      v <- df[[f]][i]
      if (!is.na(v)) s[[f]] <- if (is.factor(v)) as.character(v) else v
    }
    if (!is.null(group)) s$group <- as.character(df[[group]][i])
    if (length(mods) > 0) s$mods <- lapply(setNames(mods, mods), function(m) {
      v <- df[[m]][i]
      if (is.factor(v)) as.character(v) else v
    })
    s
  })
}

# metafor's escalc on a data frame whose columns carry the spec's names. The zero-cell options come
# only from the spec; everything else is metafor's default (escalc: add 1/2, 0 for PFT, to "only0",
# drop00 FALSE). For MH and Peto the study-level outcomes use rma.mh's and rma.peto's default
# drop00 = TRUE, as those functions pass it to escalc.
escalc_spec <- function(measure, df, correction = list(), mh = FALSE) {
  options <- list()
  if (!is.null(correction$value)) options$add <- correction$value
  if (!is.null(correction$to)) options$to <- correction$to
  if (!is.null(correction$drop00)) options$drop00 <- correction$drop00 else if (mh) options$drop00 <- TRUE
  col <- function(f) if (is.null(df[[f]])) rep(NA_real_, nrow(df)) else df[[f]]
  run <- function(...) do.call(escalc, c(list(measure), list(...), if (measure %in% c("RR", "OR", "RD", "PETO", "PR", "PLO", "PFT")) options))
  if (measure %in% c("RR", "OR", "RD", "PETO")) {
    bi <- ifelse(is.na(col("bi")), col("n1i") - col("ai"), col("bi"))
    di <- ifelse(is.na(col("di")), col("n2i") - col("ci"), col("di"))
    dat <- run(ai = col("ai"), bi = bi, ci = col("ci"), di = di)
  } else if (measure %in% c("MD", "SMD")) {
    dat <- run(m1i = col("m1i"), sd1i = col("sd1i"), n1i = col("n1i"), m2i = col("m2i"), sd2i = col("sd2i"), n2i = col("n2i"))
  } else if (measure %in% c("COR", "ZCOR")) {
    dat <- suppressWarnings(run(ri = col("ri"), ni = col("ni")))
  } else if (measure %in% c("PR", "PLO", "PFT")) {
    dat <- run(xi = col("xi"), ni = col("ni"))
  } else {
    vi <- ifelse(is.na(col("vi")), col("sei")^2, col("vi"))
    dat <- run(yi = col("yi"), vi = vi)
  }
  dat$id <- as.character(df$id)
  dat$ni_u <- switch(measure,
    RR = , OR = , RD = , PETO = ifelse(is.na(col("bi")), col("n1i"), col("ai") + col("bi")) + ifelse(is.na(col("di")), col("n2i"), col("ci") + col("di")),
    MD = , SMD = col("n1i") + col("n2i"),
    col("ni"))
  # A sampling variance of 0 is kept (metafor pools it where the model is defined); a negative one is left out.
  dat$ok <- !is.na(dat$yi) & !is.na(dat$vi) & is.finite(dat$yi) & is.finite(dat$vi) & dat$vi >= 0
  if (measure %in% c("RR", "OR", "RD", "PETO")) {
    # A table without participants has no outcome for the core (metafor's escalc would add 1/2 to
    # its empty cells and return an outcome of nothing); a table with one empty group has one, as in metafor.
    empty <- col("ai") + bi + col("ci") + di == 0
    dat$ok <- dat$ok & !(!is.na(empty) & empty)
  }
  dat
}

transf_for <- function(measure) switch(measure, RR = , OR = , PETO = exp, ZCOR = transf.ztor, PLO = transf.ilogit, PFT = transf.ipft.hm, NULL)

# Summary, prediction interval and back-transformed values of a fitted model, as analyze reports them.
summarise_fit <- function(res, measure, ni = NULL) {
  pred <- predict(res)
  # metafor prints no prediction interval for common-effect models; analyze reports the
  # interval with tau2 = 0, which is the confidence interval.
  pi_lb <- pred$pi.lb %||% pred$ci.lb
  pi_ub <- pred$pi.ub %||% pred$ci.ub
  f <- transf_for(measure)
  tr <- if (is.null(f)) {
    list(est = pred$pred, ci_lb = pred$ci.lb, ci_ub = pred$ci.ub, pi_lb = pi_lb, pi_ub = pi_ub)
  } else {
    targs <- if (measure == "PFT") list(ni = ni) else NULL
    g <- function(x) if (is.null(targs)) f(x) else f(x, targs = targs)
    list(est = g(pred$pred), ci_lb = g(pred$ci.lb), ci_ub = g(pred$ci.ub), pi_lb = g(pi_lb), pi_ub = g(pi_ub))
  }
  column <- if (res$method == "REML") "REML" else "ML"
  fs <- res$fit.stats[, column]
  list(
    est = c(res$beta), se = res$se, zval = res$zval, pval = res$pval, ci_lb = res$ci.lb, ci_ub = res$ci.ub,
    pi_lb = pi_lb, pi_ub = pi_ub, tau2 = res$tau2, tau = sqrt(res$tau2), I2 = res$I2, H2 = res$H2, Q = res$QE, Qp = res$QEp,
    df = if (is.na(res$ddf)) NULL else res$ddf, crit = if (is.na(res$ddf)) qnorm(0.975) else qt(0.975, res$ddf),
    logLik = fs[1], deviance = fs[2], AIC = fs[3], BIC = fs[4], AICc = fs[5], transformed = tr
  )
}

# Per-study values for forest plots: summary.escalc's sei and normal CI, the weight, and the
# back-transformed values (PFT with each study's own n, transf.ipft).
study_rows <- function(ok, measure, weights) {
  weights <- as.numeric(weights)
  sm <- summary(escalc(measure = "GEN", yi = ok$yi, vi = ok$vi))
  f <- transf_for(measure)
  g <- function(x, n) if (is.null(f)) x else if (measure == "PFT") transf.ipft(x, n) else f(x)
  lapply(seq_len(nrow(ok)), function(i) list(
    id = ok$id[i], yi = ok$yi[i], vi = ok$vi[i], sei = sm$sei[i], ci_lb = sm$ci.lb[i], ci_ub = sm$ci.ub[i], weight = weights[i],
    transformed = list(yi = g(ok$yi[i], ok$ni_u[i]), ci_lb = g(sm$ci.lb[i], ok$ni_u[i]), ci_ub = g(sm$ci.ub[i], ok$ni_u[i]))
  ))
}

# The expected analyze output for one specification.
expected_univariate <- function(spec, df) {
  measure <- spec$measure
  method <- spec$method %||% "REML"
  test <- spec$test %||% "z"
  correction <- spec$correction %||% list()
  if (method %in% c("MH", "PETO")) {
    dat <- escalc_spec(if (method == "PETO") "PETO" else measure, df, correction, mh = TRUE)
    col <- function(f) if (is.null(df[[f]])) rep(NA_real_, nrow(df)) else df[[f]]
    bi <- ifelse(is.na(col("bi")), col("n1i") - col("ai"), col("bi"))
    di <- ifelse(is.na(col("di")), col("n2i") - col("ci"), col("di"))
    # Tables the core cannot pool: a missing count, or no participants at all (metafor would return NA
    # for the whole analysis; the core leaves such a table out and reports it). A table with one empty
    # group counts in k, as in rma.mh and rma.peto, and adds nothing to the pooled sums.
    pooled <- !(is.na(df$ai) | is.na(bi) | is.na(df$ci) | is.na(di) | df$ai + bi + df$ci + di == 0)
    options <- list()
    if (!is.null(correction$value)) options$add <- correction$value
    if (!is.null(correction$to)) options$to <- correction$to
    if (!is.null(correction$drop00)) options$drop00 <- correction$drop00
    tables <- list(ai = df$ai[pooled], bi = bi[pooled], ci = df$ci[pooled], di = di[pooled], slab = as.character(df$id)[pooled])
    res <- if (method == "MH") {
      suppressWarnings(do.call(rma.mh, c(tables, list(measure = measure), options)))
    } else {
      suppressWarnings(do.call(rma.peto, c(tables, options)))
    }
    ok <- dat[dat$ok, ]
    out <- summarise_fit(res, if (method == "PETO") "PETO" else measure)
    out$k <- res$k
    out$k_yi <- res$k.yi
    out$weights <- I(unname(weights(res)[ok$id]))
    out$pooled_without_outcome_ids <- I(dat$id[pooled & !dat$ok])
    out$skipped_ids <- I(dat$id[!pooled])
    if (method == "MH") {
      out$mantelHaenszel <- list(k_tables = res$k)
      if (measure == "OR") {
        out$mantelHaenszel$CMH <- list(statistic = res$MH, p = res$MHp)
        out$mantelHaenszel$BD <- list(statistic = res$BD, p = res$BDp)
        out$mantelHaenszel$TA <- list(statistic = res$TA, p = res$TAp)
      }
    }
  } else {
    dat <- escalc_spec(measure, df, correction)
    ok <- dat[dat$ok, ]
    res <- suppressWarnings(rma(yi, vi, data = ok, method = method, test = test, slab = id))
    out <- summarise_fit(res, measure, ni = ok$ni_u)
    out$k <- res$k
    out$k_yi <- res$k
    if (method != "FE") out$se_tau2 <- res$se.tau2
    out$vt <- res$vt
    out$weights <- I(unname(weights(res)))
    out$skipped_ids <- I(dat$id[!dat$ok])
  }
  out$studies <- study_rows(ok, if (method == "PETO") "PETO" else measure, out$weights)
  out$sei <- I(sqrt(c(ok$vi)))
  out$ids <- I(ok$id)
  out$yi <- I(c(ok$yi))
  out$vi <- I(c(ok$vi))
  list(fit = res, dat = dat, ok = ok, expected = out)
}
