# Reference values for the publication-bias panel: regtest (default model "rma" and the classic
# "lm" Egger test), ranktest (exact and, with ties, normal), trimfill (L0, R0; both sides; k0 = 0)
# and the funnel plot's pseudo-confidence limits, metafor 3.8.1.
# Run: cd /work/main && Rscript tests/reference/univariate-bias.R
source(file.path("tests", "reference", "univariate-helpers.R"))

bcg <- with(dat.bcg, data.frame(id = paste(author, year), ai = tpos, bi = tneg, ci = cpos, di = cneg))
egger <- with(dat.egger2001, data.frame(id = paste(study, year), ai, n1i, ci, n2i))
hack <- with(dat.hackshaw1998, data.frame(id = paste(author, year, study), yi, vi))
konst <- with(dat.konstantopoulos2011, data.frame(id = paste(district, school), yi, vi))
pritz <- with(dat.pritz1997, data.frame(id = as.character(authors), xi, ni))
molloy <- with(dat.molloy2014, data.frame(id = paste(authors, year), ri, ni))
normand <- with(dat.normand1999, data.frame(id = as.character(source), m1i, sd1i, n1i, m2i, sd2i, n2i))
li <- with(dat.li2007, data.frame(id = paste(study, year), ai, n1i, ci, n2i))
raud <- with(dat.raudenbush1985, data.frame(id = paste(author, year, study), yi, vi))
fields <- list(
  binary = c("ai", "bi", "ci", "di"), binary_n = c("ai", "n1i", "ci", "n2i"), gen_vi = c("yi", "vi"), prop = c("xi", "ni"),
  cor = c("ri", "ni"), continuous = c("m1i", "sd1i", "n1i", "m2i", "sd2i", "n2i")
)

egger_summary <- function(rt) list(statistic = rt$zval, p = rt$pval, df = if (is.na(rt$ddf)) NULL else rt$ddf, est = rt$est)

cases <- list()
add_case <- function(name, df, fieldset, measure, method = "REML", test = "z", estimator = "L0") {
  spec <- list(type = "univariate", measure = measure, method = method, test = test, bias = TRUE, trimfillEstimator = estimator)
  spec$studies <- make_studies(df, fields[[fieldset]])
  r <- expected_univariate(spec, df)
  # regtest and trimfill of MH/Peto analyses use the inverse-variance common-effect model
  res <- if (method %in% c("MH", "PETO")) rma(yi, vi, data = r$ok, method = "FE") else r$fit
  tf <- suppressWarnings(trimfill(res, estimator = estimator))
  rk <- suppressWarnings(ranktest(res))
  sei <- sqrt(r$ok$vi)
  refline <- c(r$fit$beta)
  crit <- qnorm(0.975)
  expected <- list(
    egger = egger_summary(regtest(res)),
    egger_classic = egger_summary(regtest(res, model = "lm")),
    begg = list(tau = unname(rk$tau), p = rk$pval),
    trimfill = list(k0 = tf$k0, se_k0 = tf$se.k0, side = tf$side, estimator = estimator, est = c(tf$beta), se = tf$se,
                    ci_lb = tf$ci.lb, ci_ub = tf$ci.ub, tau2 = tf$tau2,
                    filled = list(yi = I(c(tf$yi[tf$fill])), vi = I(c(tf$vi[tf$fill])))),
    funnel = list(refline = refline, crit = crit, seiMax = max(sei), lower_at_seiMax = refline - crit * max(sei),
                  upper_at_seiMax = refline + crit * max(sei), seiPlotMax = 1.1 * max(sei))
  )
  cases[[length(cases) + 1]] <<- list(name = name, spec = spec, expected = expected)
}

add_case("bcg RR REML", bcg, "binary", "RR", "REML")
add_case("bcg RR REML knha", bcg, "binary", "RR", "REML", "knha")
add_case("bcg RR REML R0", bcg, "binary", "RR", "REML", estimator = "R0")
add_case("bcg RR DL", bcg, "binary", "RR", "DL")
add_case("bcg RR FE", bcg, "binary", "RR", "FE")
add_case("bcg RR PM knha", bcg, "binary", "RR", "PM", "knha")
add_case("egger2001 OR DL", egger, "binary_n", "OR", "DL")
add_case("egger2001 OR REML R0", egger, "binary_n", "OR", "REML", estimator = "R0")
add_case("egger2001 OR MH", egger, "binary_n", "OR", "MH")
add_case("egger2001 OR PETO", egger, "binary_n", "OR", "PETO")
add_case("hackshaw GEN REML", hack, "gen_vi", "GEN", "REML")
add_case("hackshaw GEN FE R0", hack, "gen_vi", "GEN", "FE", estimator = "R0")
add_case("konstantopoulos GEN REML (ties in vi)", konst, "gen_vi", "GEN", "REML")
add_case("raudenbush GEN ML", raud, "gen_vi", "GEN", "ML")
add_case("pritz PFT REML", pritz, "prop", "PFT", "REML")
add_case("molloy ZCOR REML", molloy, "cor", "ZCOR", "REML")
add_case("normand MD DL", normand, "continuous", "MD", "DL")
add_case("li OR REML", li, "binary_n", "OR", "REML")
add_case("li OR SJ R0", li, "binary_n", "OR", "SJ", estimator = "R0")

write_reference(list(generator = "tests/reference/univariate-bias.R", metafor = as.character(packageVersion("metafor")), cases = cases), "univariate-bias")
