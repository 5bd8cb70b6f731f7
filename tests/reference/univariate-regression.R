# Reference values for subgroup analyses (a model per subgroup, the Q test between subgroups as
# rma(est, sei = se, method = "FE")$QE) and mixed-effects meta-regression (rma with mods), from
# metafor 3.8.1. Run: cd /work/main && Rscript tests/reference/univariate-regression.R
source(file.path("tests", "reference", "univariate-helpers.R"))

bcg <- with(dat.bcg, data.frame(id = paste(author, year), ai = tpos, bi = tneg, ci = cpos, di = cneg, year = year, ablat = ablat, alloc = as.character(alloc)))
konst <- with(dat.konstantopoulos2011, data.frame(id = paste(district, school), yi, vi, year, district = paste("district", district)))
curtis <- with(dat.curtis1998, data.frame(id = paste0("obs", id), m1i, sd1i, n1i, m2i, sd2i, n2i, time, method, fungrp))
# dat.pritz1997 split by study size: the PFT back-transformation of each subgroup uses that
# subgroup's own harmonic mean n (transf.ipft.hm with the subgroup's ni).
pritz <- with(dat.pritz1997, data.frame(id = as.character(authors), xi, ni, size = ifelse(ni >= 14, "14 or more", "under 14")))
fields <- list(binary = c("ai", "bi", "ci", "di"), gen_vi = c("yi", "vi"), continuous = c("m1i", "sd1i", "n1i", "m2i", "sd2i", "n2i"), prop = c("xi", "ni"))

subgroup_summary <- function(res, group, ids, measure, ni = NULL) {
  s <- summarise_fit(res, measure, ni = ni)
  list(group = group, k = length(ids), ids = I(ids), est = s$est, se = s$se, zval = s$zval, pval = s$pval, ci_lb = s$ci_lb, ci_ub = s$ci_ub,
       pi_lb = s$pi_lb, pi_ub = s$pi_ub, tau2 = s$tau2, I2 = s$I2, H2 = s$H2, Q = s$Q, Qp = s$Qp,
       transformed = list(est = s$transformed$est, ci_lb = s$transformed$ci_lb, ci_ub = s$transformed$ci_ub))
}

regression_summary <- function(res) {
  b <- c(res$beta)
  list(
    k = res$k, p = res$p,
    coefficients = lapply(seq_along(b), function(j) list(name = rownames(res$beta)[j], estimate = b[j], se = res$se[j], zval = res$zval[j], pval = res$pval[j], ci_lb = res$ci.lb[j], ci_ub = res$ci.ub[j])),
    vb = lapply(seq_len(nrow(res$vb)), function(i) I(unname(res$vb[i, ]))), df = if (is.na(res$ddf)) NULL else res$ddf,
    QM = res$QM, QMp = res$QMp, QE = res$QE, QEp = res$QEp, tau2 = res$tau2, se_tau2 = res$se.tau2, I2 = res$I2, H2 = res$H2, R2 = res$R2 %||% NA,
    fitStats = list(ML = as.list(setNames(res$fit.stats$ML, c("ll", "dev", "AIC", "BIC", "AICc"))), REML = as.list(setNames(res$fit.stats$REML, c("ll", "dev", "AIC", "BIC", "AICc"))))
  )
}

cases <- list()
add_case <- function(name, df, fieldset, measure, method = "REML", test = "z", group = NULL, mods = character(0), levels = NULL) {
  spec <- list(type = "univariate", measure = measure, method = method, test = test)
  if (!is.null(levels)) spec$levels <- levels
  spec$studies <- make_studies(df, fields[[fieldset]], group = group, mods = mods)
  r <- expected_univariate(spec, df)
  expected <- r$expected
  ok <- merge(r$ok, df[, c("id", group, mods), drop = FALSE], by = "id", sort = FALSE)
  ok <- ok[match(r$ok$id, ok$id), ]
  if (!is.null(group)) {
    groups <- unique(ok[[group]])
    subs <- lapply(groups, function(g) {
      members <- ok[ok[[group]] == g, ]
      res <- if (method == "MH") {
        rows <- df[df[[group]] == g, ]
        suppressWarnings(rma.mh(ai = rows$ai, bi = rows$bi, ci = rows$ci, di = rows$di, measure = measure))
      } else {
        suppressWarnings(rma(yi, vi, data = members, method = method, test = test))
      }
      subgroup_summary(res, g, members$id, measure, ni = members$ni_u)
    })
    expected$subgroups <- subs
    between <- rma(sapply(subs, `[[`, "est"), sei = sapply(subs, `[[`, "se"), method = "FE")
    expected$between <- list(Q = between$QE, df = between$k - 1, p = between$QEp)
  }
  if (length(mods) > 0) {
    reg_method <- if (method %in% c("MH", "PETO")) "FE" else method
    data <- ok
    for (m in mods) if (is.character(data[[m]])) data[[m]] <- factor(data[[m]], levels = levels[[m]] %||% sort(unique(data[[m]][!is.na(data[[m]])])))
    res <- suppressWarnings(rma(yi, vi, mods = as.formula(paste("~", paste(mods, collapse = " + "))), data = data, method = reg_method, test = test))
    expected$metaRegression <- regression_summary(res)
    expected$metaRegression$skipped_ids <- I(ok$id[apply(is.na(ok[, mods, drop = FALSE]), 1, any)])
  }
  cases[[length(cases) + 1]] <<- list(name = name, spec = spec, expected = expected)
}

add_case("bcg RR REML subgroups by alloc, regression on ablat", bcg, "binary", "RR", group = "alloc", mods = "ablat")
add_case("bcg RR REML regression on ablat + alloc", bcg, "binary", "RR", mods = c("ablat", "alloc"))
add_case("bcg RR REML regression on alloc, reference random", bcg, "binary", "RR", mods = "alloc", levels = list(alloc = c("random", "alternate", "systematic")))
add_case("bcg RR REML knha regression on ablat + year", bcg, "binary", "RR", test = "knha", mods = c("ablat", "year"))
add_case("bcg RR DL knha subgroups by alloc", bcg, "binary", "RR", "DL", "knha", group = "alloc")
add_case("bcg RR FE regression on ablat", bcg, "binary", "RR", "FE", mods = "ablat")
add_case("bcg RR ML regression on ablat + alloc", bcg, "binary", "RR", "ML", mods = c("ablat", "alloc"))
add_case("bcg RR PM regression on year", bcg, "binary", "RR", "PM", mods = "year")
add_case("bcg RR HE subgroups by alloc", bcg, "binary", "RR", "HE", group = "alloc")
add_case("bcg OR MH subgroups by alloc, FE regression on ablat", bcg, "binary", "OR", "MH", group = "alloc", mods = "ablat")
missing <- bcg
missing$ablat[c(3, 8)] <- NA
add_case("bcg RR REML regression with missing moderators", missing, "binary", "RR", mods = "ablat")
add_case("konstantopoulos GEN REML subgroups by district, regression on year", konst, "gen_vi", "GEN", group = "district", mods = "year")
add_case("curtis SMD REML regression on time + method", curtis, "continuous", "SMD", mods = c("time", "method"))
add_case("curtis SMD DL knha subgroups by fungrp, regression on method", curtis, "continuous", "SMD", "DL", "knha", group = "fungrp", mods = "method")
add_case("pritz PFT REML subgroups by study size", pritz, "prop", "PFT", "REML", group = "size")
add_case("pritz PLO DL subgroups by study size", pritz, "prop", "PLO", "DL", group = "size")

write_reference(list(generator = "tests/reference/univariate-regression.R", metafor = as.character(packageVersion("metafor")), cases = cases), "univariate-regression")
