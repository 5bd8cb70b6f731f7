# Reference values for leave-one-out (metafor's leave1out) and cumulative (cumul) analyses,
# metafor 3.8.1. Run: cd /work/main && Rscript tests/reference/univariate-influence.R
source(file.path("tests", "reference", "univariate-helpers.R"))

bcg <- with(dat.bcg, data.frame(id = paste(author, year), ai = tpos, bi = tneg, ci = cpos, di = cneg, year = year))
normand <- with(dat.normand1999, data.frame(id = as.character(source), m1i, sd1i, n1i, m2i, sd2i, n2i, year = seq_along(source)))
li <- with(dat.li2007, data.frame(id = paste(study, year), ai, n1i, ci, n2i, year))
fields <- list(binary = c("ai", "bi", "ci", "di"), binary_n = c("ai", "n1i", "ci", "n2i"), continuous = c("m1i", "sd1i", "n1i", "m2i", "sd2i", "n2i"))

rows_of <- function(x, ids, k = NULL) {
  lapply(seq_along(ids), function(i) {
    row <- list(id = ids[i], est = x$estimate[i], se = x$se[i], zval = (x$zval %||% x$tval)[i], pval = x$pval[i],
                ci_lb = x$ci.lb[i], ci_ub = x$ci.ub[i], Q = x$Q[i], Qp = x$Qp[i], tau2 = x$tau2[i] %||% 0, I2 = x$I2[i], H2 = x$H2[i])
    if (!is.null(k)) row$k <- k[i]
    row
  })
}

cases <- list()
add_case <- function(name, df, fieldset, measure, method = "REML", test = "z", cumulative = "year") {
  spec <- list(type = "univariate", measure = measure, method = method, test = test, leave1out = TRUE, cumulative = cumulative)
  spec$studies <- make_studies(df, fields[[fieldset]], extra = "year")
  r <- expected_univariate(spec, df)
  res <- r$fit
  # leave1out/cumul run over the model's tables (MH) or outcomes (rma), in the model's order
  ids <- if (method %in% c("MH", "PETO")) as.character(res$slab) else r$ok$id
  years <- df$year[match(ids, df$id)]
  l1o <- suppressWarnings(leave1out(res))
  cum <- suppressWarnings(do.call(cumul, list(res, order = years)))
  order_ids <- ids[order(years)]
  expected <- list(leave1out = rows_of(l1o, ids), cumulative = rows_of(cum, order_ids, seq_along(order_ids)))
  cases[[length(cases) + 1]] <<- list(name = name, spec = spec, expected = expected)
}

add_case("bcg RR REML z", bcg, "binary", "RR", "REML")
add_case("bcg RR DL knha", bcg, "binary", "RR", "DL", "knha")
add_case("bcg RR FE", bcg, "binary", "RR", "FE")
add_case("bcg RR PM knha", bcg, "binary", "RR", "PM", "knha")
add_case("bcg OR MH", bcg, "binary", "OR", "MH")
add_case("bcg OR PETO", bcg, "binary", "OR", "PETO")
add_case("normand MD ML", normand, "continuous", "MD", "ML")
add_case("li OR REML", li, "binary_n", "OR", "REML")

write_reference(list(generator = "tests/reference/univariate-influence.R", metafor = as.character(packageVersion("metafor")), cases = cases), "univariate-influence")
