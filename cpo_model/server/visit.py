"""One visitor's page: the app's server runs this file once per visitor, so each gets widgets of
their own, with the inputs of the link they opened."""

from cpo_model.server.page import visitor_page

page = visitor_page()
