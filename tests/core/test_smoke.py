import pytest


@pytest.mark.django_db
def test_home_page_needs_sign_in(client):
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/sign-in/")


@pytest.mark.django_db
def test_signed_in_staff_member_sees_their_details(client_for, staff_member):
    response = client_for(staff_member).get("/")
    assert response.status_code == 200
    assert staff_member.person.staff_number in response.content.decode()
