"""Companies and owners the chart tests draw (used in parametrize, so plain constants)."""

from cpo_model import Company, load_policy

CUTOFFS = {k: n.value for k, n in load_policy().decision.items()}
OWNERS = {"product_strategy": "ceo", "user_research": "nobody", "product_design": "product_lead"}
COMPANIES = [
    Company(headcount=180, complexity=3, product_managers=4, engineers=40, name="Given team"),
    Company(
        headcount=40, product_lines=3, platforms=3, tech_company=False, founder_overloaded=True
    ),
    Company(headcount=5000, complexity=5, product_market_fit=False, owners=OWNERS, name="Pre-fit"),
    Company(headcount=12, engineers=10, regulated=True, markets=4),
]
FIELDS = ("complexity", "product_lines", "platforms", "customer_segments", "markets", "regulated")
FIELDS += ("product_managers", "engineers", "tech_company", "product_market_fit")
FIELDS += ("founder_overloaded", "ceo_leads_product", "owners")
