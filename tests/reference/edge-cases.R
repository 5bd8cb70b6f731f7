# Degenerate input at the edges of the core, compared with metafor 3.8.1 and lme4: zero and
# negative sampling variances, repeated study labels, a factor moderator with one level, a 2x2
# table with an empty group under Mantel-Haenszel, DTA with two studies, GLMM with complete
# separation, and mada's 99-point AUC beside the exact integral.
# Each case records the `ferrite analyze` spec, what Ferrite must give (`expected`, computed here by
# R) and what metafor/lme4 themselves do (`metafor`: values, a warning or an error), so the tests
# and the closing notes can show both. Where Ferrite deliberately differs, `differs` says why.
# Run: cd /work/main && Rscript tests/reference/edge-cases.R   (writes tests/reference/edge-cases.json)
source(file.path("tests", "reference", "univariate-helpers.R"))
suppressPackageStartupMessages(library(lme4))
source(file.path("tests", "reference", "dta-datasets.R"))

cases <- list()
add <- function(x) cases[[length(cases) + 1]] <<- x
# metafor's own outcome for a call: its values, or the error, and the warnings it gave.
outcome <- function(expr) {
  warnings <- character(0)
  value <- withCallingHandlers(
    tryCatch(expr, error = function(e) list(error = conditionMessage(e))),
    warning = function(w) {
      warnings <<- c(warnings, conditionMessage(w))
      invokeRestart("muffleWarning")
    })
  if (!is.null(value$error)) return(list(error = value$error, warnings = I(warnings)))
  list(value = value, warnings = I(warnings))
}
fit_values <- function(res) list(k = res$k, est = c(res$beta), se = res$se, tau2 = res$tau2, Q = res$QE, I2 = res$I2)

gen_fields <- c("yi", "vi")
univariate_spec <- function(df, fieldset, measure, method, extra = list()) {
  c(list(type = "univariate", measure = measure, method = method), extra, list(studies = make_studies(df, fieldset)))
}

# 1. A study with vi = 0 (the issue's example: dropping it moves the estimate from 0.384 to 0.360).
gen0 <- data.frame(id = c("A", "B", "C", "D"), yi = c(0.2, 0.5, 0.485, 0.3), vi = c(0.01, 0.02, 0, 0.015))
for (m in c("REML", "ML", "HE", "SJ")) {
  spec <- univariate_spec(gen0, gen_fields, "GEN", m)
  r <- expected_univariate(spec, gen0)
  add(list(name = paste("vi = 0 kept,", m), kind = "univariate", spec = spec, expected = r$expected,
           metafor = outcome(fit_values(rma(yi, vi, data = gen0, method = m)))))
}
spec <- univariate_spec(gen0, gen_fields, "GEN", "REML", list(test = "knha"))
add(list(name = "vi = 0 kept, REML knha", kind = "univariate", spec = spec, expected = expected_univariate(spec, gen0)$expected,
         metafor = outcome(fit_values(rma(yi, vi, data = gen0, test = "knha")))))
for (m in c("FE", "DL", "PM"))
  add(list(name = paste("vi = 0 refused,", m), kind = "univariate", spec = univariate_spec(gen0, gen_fields, "GEN", m),
           refused = TRUE, metafor = outcome(fit_values(rma(yi, vi, data = gen0, method = m)))))
gen00 <- transform(gen0, vi = 0)
spec <- univariate_spec(gen00, gen_fields, "GEN", "HE")
add(list(name = "every vi = 0, HE", kind = "univariate", spec = spec, expected = expected_univariate(spec, gen00)$expected,
         metafor = outcome(fit_values(rma(yi, vi, data = gen00, method = "HE")))))

# Standard deviations of 0 in both groups: MD has vi = 0 and is kept; SMD is not finite and omitted.
normand <- with(dat.normand1999, data.frame(id = as.character(source), m1i, sd1i, n1i, m2i, sd2i, n2i))
normand0 <- normand
normand0$sd1i[3] <- 0
normand0$sd2i[3] <- 0
continuous <- c("m1i", "sd1i", "n1i", "m2i", "sd2i", "n2i")
for (measure in c("MD", "SMD")) {
  spec <- univariate_spec(normand0, continuous, measure, "REML")
  dat <- escalc(measure, m1i = m1i, sd1i = sd1i, n1i = n1i, m2i = m2i, sd2i = sd2i, n2i = n2i, data = normand0)
  add(list(name = paste(measure, "with sd = 0 in both groups"), kind = "univariate", spec = spec, expected = expected_univariate(spec, normand0)$expected,
           metafor = outcome(fit_values(rma(yi, vi, data = dat)))))
}
# r = 1: the Fisher z is infinite; metafor sets it to NA and omits the study.
molloy <- with(dat.molloy2014, data.frame(id = paste(authors, year), ri, ni))
molloy1 <- molloy
molloy1$ri[4] <- 1
spec <- univariate_spec(molloy1, c("ri", "ni"), "ZCOR", "REML")
dat <- escalc("ZCOR", ri = ri, ni = ni, data = molloy1)
add(list(name = "ZCOR with r = 1", kind = "univariate", spec = spec, expected = expected_univariate(spec, molloy1)$expected,
         metafor = outcome(fit_values(rma(yi, vi, data = dat)))))

# 2. vi < 0: metafor 3.8.1 constrains it to 0 with a warning; Ferrite leaves the study out and names it.
genneg <- transform(gen0, vi = c(0.01, 0.02, -0.005, 0.015))
spec <- univariate_spec(genneg, gen_fields, "GEN", "REML")
kept <- genneg[genneg$vi >= 0, ]
expected <- expected_univariate(univariate_spec(kept, gen_fields, "GEN", "REML"), kept)$expected
expected$skipped_ids <- I("C")
add(list(name = "vi < 0 omitted", kind = "univariate", spec = spec, expected = expected,
         metafor = outcome(fit_values(rma(yi, vi, data = genneg))),
         differs = "metafor 3.8.1 constrains a negative vi to 0 (the study keeps a weight of 1/tau2); Ferrite leaves the study out and names it"))

# 3. Repeated labels: dat.bcg by author alone repeats "Rosenthal et al" and "Comstock et al" (x3).
bcg <- with(dat.bcg, data.frame(id = author, ai = tpos, bi = tneg, ci = cpos, di = cneg))
unique_labels <- function(ids) {
  out <- ids
  for (i in seq_along(ids)) {
    n <- sum(ids[seq_len(i)] == ids[i])
    if (n > 1) out[i] <- paste0(ids[i], " (", n, ")")
  }
  out
}
spec <- univariate_spec(bcg, c("ai", "bi", "ci", "di"), "RR", "REML")
relabelled <- transform(bcg, id = unique_labels(id))
expected <- expected_univariate(spec, relabelled)$expected
add(list(name = "repeated study labels (dat.bcg by author)", kind = "univariate", spec = spec, expected = expected,
         metafor = list(value = list(labels = I(make.unique(bcg$id))))))

# 4. A factor moderator with one level: metafor refuses; a constant number is dropped and the
# intercept alone is tested (QM for the intercept), which Ferrite refuses as well.
gen4 <- transform(gen0, vi = c(0.01, 0.02, 0.015, 0.015), design = "RCT", dose = 10)
mod_spec <- function(df, mods) {
  studies <- make_studies(df, gen_fields, mods = mods)
  list(type = "univariate", measure = "GEN", method = "REML", studies = studies)
}
add(list(name = "factor moderator with one level", kind = "regression", spec = mod_spec(gen4, "design"), refused = TRUE,
         metafor = outcome(fit_values(rma(yi, vi, mods = ~ factor(design), data = gen4)))))
add(list(name = "numeric moderator that never varies", kind = "regression", spec = mod_spec(gen4, "dose"), refused = TRUE,
         metafor = outcome(c(fit_values(rma(yi, vi, mods = ~ dose, data = gen4)), list(QM = rma(yi, vi, mods = ~ dose, data = gen4)$QM)))))

# 5. A 2x2 table with an empty group: rma.mh counts it in k and its corrected outcome in Q.
mh <- data.frame(id = c("S1", "S2", "S3", "S4"), ai = c(4, 6, 3, 2), n1i = c(50, 60, 40, 30), ci = c(8, 10, 6, 0), n2i = c(50, 60, 40, 0))
for (m in list(c("OR", "MH"), c("RR", "MH"), c("RD", "MH"), c("OR", "PETO"), c("OR", "REML"))) {
  spec <- univariate_spec(mh, c("ai", "n1i", "ci", "n2i"), m[1], m[2])
  r <- expected_univariate(spec, mh)
  add(list(name = paste(m[1], m[2], "with an empty group"), kind = "univariate", spec = spec, expected = r$expected,
           metafor = list(value = list(k = r$fit$k, est = c(r$fit$beta), Q = r$fit$QE))))
}

# 6. DTA with two studies. rma.mv fits the bivariate model but its three variance parameters rest on
# two studies (rho ends at -1); Ferrite pools sensitivity and specificity separately, with a warning.
dta2 <- data.frame(id = c("Study 1", "Study 2"), tp = c(40, 25), fp = c(8, 12), fn = c(10, 5), tn = c(60, 50))
stacked <- data.frame(study = rep(1:2, each = 2), outcome = rep(c("sens", "spec"), 2),
                      yi = as.vector(rbind(log(dta2$tp / dta2$fn), log(dta2$tn / dta2$fp))),
                      vi = as.vector(rbind(1 / dta2$tp + 1 / dta2$fn, 1 / dta2$tn + 1 / dta2$fp)))
bivariate2 <- outcome({
  f <- rma.mv(yi, vi, mods = ~ factor(outcome) - 1, random = ~ factor(outcome) | study, struct = "UN", data = stacked)
  list(logit = c(f$beta), se = f$se, tau2 = f$tau2, rho = f$rho)
})
pooled <- function(yi, vi) {
  f <- rma(yi, vi, method = "REML")
  list(logit = c(f$beta), se = f$se, tau2 = f$tau2, ci = plogis(c(f$ci.lb, f$ci.ub)))
}
sens <- pooled(log(dta2$tp / dta2$fn), 1 / dta2$tp + 1 / dta2$fn)
spec2 <- pooled(log(dta2$tn / dta2$fp), 1 / dta2$tn + 1 / dta2$fp)
for (model in c("bivariate", "glmm"))
  add(list(name = paste("DTA with two studies,", model), kind = "dta",
           spec = list(type = "dta", model = model, studies = make_studies(dta2, c("tp", "fp", "fn", "tn"))),
           expected = list(model = "univariate", k = 2, sens = plogis(sens$logit), spec = plogis(spec2$logit), sens_ci = I(sens$ci), spec_ci = I(spec2$ci),
                           tau2_sens = sens$tau2, tau2_spec = spec2$tau2),
           metafor = bivariate2))

# 7. GLMM with complete separation: every fn = 0 (sensitivity 1 in every study), and also every fp = 0.
glmm_fit <- function(d) {
  k <- nrow(d)
  long <- data.frame(study = factor(rep(seq_len(k), each = 2)), sens = rep(c(1, 0), k), spec = rep(c(0, 1), k),
                     x = as.vector(rbind(d$tp, d$tn)), n = as.vector(rbind(d$tp + d$fn, d$tn + d$fp)))
  outcome({
    g <- glmer(cbind(x, n - x) ~ 0 + sens + spec + (0 + sens + spec | study), data = long, family = binomial)
    co <- summary(g)$coefficients
    list(logit = I(unname(co[, 1])), se = I(unname(co[, 2])), singular = isSingular(g), messages = I(unlist(g@optinfo$conv$lme4$messages) %||% character(0)))
  })
}
separated <- data.frame(id = paste("Study", 1:5), tp = c(20, 15, 30, 12, 25), fn = 0, fp = c(5, 8, 3, 10, 6), tn = c(40, 35, 50, 30, 45))
both <- transform(separated, fp = 0)
for (x in list(list("every fn = 0", separated), list("every fn = 0 and fp = 0", both)))
  add(list(name = paste("GLMM with complete separation,", x[[1]]), kind = "dta",
           spec = list(type = "dta", model = "glmm", studies = make_studies(x[[2]], c("tp", "fp", "fn", "tn"))),
           expected = list(converged = FALSE, sens = NULL, spec = NULL, auc = NULL), metafor = glmm_fit(x[[2]])))

# 8. The AUC: Ferrite integrates the SROC curve; mada's AUC.default averages it at fpr = 1:99/100,
# (s[1]/2 + sum(s[2:98]) + s[99]/2)/99 (mada 0.5.11, R/AUC.R), with the Rutter-Gatsonis curve.
mada_auc <- function(sroc) {
  s <- sroc(1:99 / 100)
  (s[1] / 2 + sum(s[2:98]) + s[99] / 2) / 99
}
auc_case <- function(name, raw) {
  d <- correct_counts(raw, 0.5, "all")
  s <- data.frame(study = rep(seq_len(nrow(d)), each = 2), outcome = rep(c("sens", "spec"), nrow(d)),
                  yi = as.vector(rbind(log(d$tp / d$fn), log(d$tn / d$fp))), vi = as.vector(rbind(1 / d$tp + 1 / d$fn, 1 / d$tn + 1 / d$fp)))
  f <- rma.mv(yi, vi, mods = ~ factor(outcome) - 1, random = ~ factor(outcome) | study, struct = "UN", data = s,
              control = list(optimizer = "nlminb", optCtrl = list(rel.tol = 1e-14, x.tol = 1e-12, eval.max = 1e4, iter.max = 1e4)))
  mu <- c(f$beta)
  sA <- sqrt(f$tau2[1]); sB <- sqrt(f$tau2[2]); cv <- f$rho * sA * sB
  Lambda <- sqrt(sB / sA) * mu[1] + sqrt(sA / sB) * mu[2]
  beta <- log(sB / sA)
  sroc <- function(x) plogis(Lambda * exp(-beta / 2) + exp(-beta) * qlogis(x))
  add(list(name = name, kind = "auc", spec = list(type = "dta", model = "bivariate", studies = make_studies(raw, c("tp", "fp", "fn", "tn"))),
           expected = list(auc = integrate(sroc, 0, 1, rel.tol = 1e-12)$value, auc_99_points = mada_auc(sroc))))
}
auc_case("AUC, kearon1998", kearon1998)
auc_case("AUC, auditc", auditc)

# Repeated labels in a DTA review: dat.kearon1998 by first author ("Borris et al." twice, and four others).
kearon_by_author <- transform(kearon1998, id = sub(" #.*$", "", id))
add(list(name = "DTA with repeated study labels (dat.kearon1998 by author)", kind = "dta-labels",
         spec = list(type = "dta", model = "bivariate", studies = make_studies(kearon_by_author, c("tp", "fp", "fn", "tn"))),
         expected = list(ids = I(unique_labels(kearon_by_author$id))), reference_case = "kearon1998 all REML",
         metafor = list(value = list(labels = I(make.unique(kearon_by_author$id))))))

write_reference(list(generator = "tests/reference/edge-cases.R", metafor = as.character(packageVersion("metafor")),
                     lme4 = as.character(packageVersion("lme4")), cases = cases), "edge-cases")
