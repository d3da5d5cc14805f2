"""Offers: the compensation model, honest valuation, comparison, market position and negotiation."""
